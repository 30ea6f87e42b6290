using Pitr.Adapters.Aws.Rds;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Logs;

/// <summary>
/// Finds destructive statements in the PostgreSQL log RDS exports to CloudWatch Logs and proposes the
/// millisecond before each (CloudWatch times events to the millisecond): every row the statement removed
/// is recovered and nothing committed a millisecond earlier is lost.
/// </summary>
/// <param name="restoreFrom">Where a cutover moved production, whose log is read instead of the configured source's.</param>
internal sealed class CloudWatchRecoveryPointAdvisor(CloudWatchLogsClient logs, RdsOptions options, bool cluster, TimeProvider clock, string? restoreFrom = null)
    : IRecoveryPointAdvisor
{
    /// <summary>Where RDS exports the PostgreSQL log of production (a cluster's or an instance's group); a configured group is the source's.</summary>
    public string LogGroup => restoreFrom is null && options.LogGroup is { } configured
        ? configured
        : $"/aws/rds/{(cluster ? "cluster" : "instance")}/{restoreFrom ?? options.SourceIdentifier}/postgresql";

    public IRecoveryPointAdvisor From(string production) =>
        production == (restoreFrom ?? options.SourceIdentifier) ? this
            : new CloudWatchRecoveryPointAdvisor(logs, options, cluster, clock, production == options.SourceIdentifier ? null : production);

    public async ValueTask<IReadOnlyList<RecoveryPointSuggestion>> SuggestAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var from = since < now - options.LogLookback ? now - options.LogLookback : since;
        var events = await logs.FilterAsync(LogGroup, from, now, RdsStatementLog.FilterPattern, cancellationToken);
        return [.. events
            .Select(e => (e.At, Statement: RdsStatementLog.Read(e.Message)))
            .Where(e => e.Statement is not null)
            .Select(e => new RecoveryPointSuggestion(e.At, e.At.AddMilliseconds(-1), null, e.Statement!.Statement) { By = $"{e.Statement.User}@{e.Statement.Database}" })];
    }
}
