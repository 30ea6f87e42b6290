namespace Pitr.Domain.Ports;

/// <summary>Restores a database engine to a point in time under an identifier of our choosing.</summary>
/// <remarks>
/// Every call is idempotent: starting a restore whose identifier already exists resumes it, and
/// deleting one that is gone succeeds. That is what lets a restarted bot carry on without
/// creating a second database.
/// </remarks>
public interface IDatabaseRestorer
{
    ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken);

    /// <summary>The finest target the engine honours: recovery_target_time takes microseconds, the RDS APIs whole seconds.</summary>
    TimeSpan TargetResolution => TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond);

    ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken);

    ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken);

    ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>
    /// Replays a restore that is paused at its target (<see cref="RestoreStatus.PausedAtTarget"/>) on to the later
    /// target of <paramref name="request"/>, on the same server: no new copy. Idempotent; its status says Creating
    /// until the server pauses at the new target.
    /// </summary>
    /// <remarks>Only engines that pause offer it: the machine permits a later target only after a paused restore.</remarks>
    ValueTask ContinueRestoreAsync(RestoreRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This engine cannot replay a restore on to a later target; restore anew.");

    /// <summary>
    /// Ends recovery on a restore paused at its target so that it takes writes, and returns only once it does:
    /// the cutover calls it before the secret moves. Nothing to do for engines whose restores come out writable.
    /// </summary>
    ValueTask PromoteAsync(string identifier, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Deletes a database this bot restored, or the database a recovery replaced once it is decommissioned.</summary>
    ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>
    /// Describes the available restore and compares it with the source, setting by setting: what the restore
    /// carried and what the engine changed on its own. Null for engines that have nothing to compare.
    /// </summary>
    ValueTask<IReadOnlyList<SettingDifference>?> CompareWithSourceAsync(string identifier, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<SettingDifference>?>(null);

    /// <summary>
    /// Makes a restored database that has become production recoverable in its own right (archiving on, a
    /// fresh backup, retention, protection), so that the next incident can be recovered from it. Idempotent.
    /// </summary>
    /// <remarks>An engine that has nothing to do says so in an empty report.</remarks>
    ValueTask<ProtectionReport> ProtectAsync(string identifier, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProtectionReport([]));

    /// <summary>
    /// The same engine restoring from <paramref name="production"/>: a restore of its own that a cutover made
    /// production, or the configured source (then itself). Window, source and restores all follow it.
    /// </summary>
    IDatabaseRestorer From(string production) => this;
}

/// <summary>What was checked or set to make the new production recoverable; protected when every item passed.</summary>
public sealed record ProtectionReport(IReadOnlyList<Readiness.ReadinessItem> Items)
{
    public bool Protected => Items.All(i => i.Passed);

    /// <summary>
    /// The readiness check (<c>pitr check</c>) run against the new production before completing. It informs and does not
    /// hold the recovery: a database minutes old cannot yet have the window its retention promises.
    /// </summary>
    public Readiness.ReadinessReport? Readiness { get; init; }
}

/// <summary>The closed interval of times a restore can land on.</summary>
public sealed record RestorableWindow(DateTimeOffset Earliest, DateTimeOffset Latest)
{
    public bool Contains(DateTimeOffset time) => time >= Earliest && time <= Latest;

    public override string ToString() => $"{TimeFormat.Utc(Earliest)} → {TimeFormat.Utc(Latest)}";
}

public sealed record RestoreRequest(
    string Identifier,
    DateTimeOffset Target,
    IReadOnlyDictionary<string, string> Tags);

public enum RestorePhase
{
    NotFound,
    Creating,
    Available,
    Failed,
}

/// <param name="Detail">What the engine says about the restore (progress, or why it failed).</param>
public sealed record RestoreStatus(RestorePhase Phase, DatabaseEndpoint? Endpoint = null, string? Detail = null)
{
    /// <summary>Where the engine keeps the restore, for people who want to look at it (a data directory); null when the endpoint says it all.</summary>
    public string? Location { get; init; }

    /// <summary>
    /// How soon the engine suggests asking again: an engine that watched the restore while answering says
    /// "at once"; null leaves it to the database's poll interval (a cloud API is asked sparingly).
    /// </summary>
    public TimeSpan? RecheckAfter { get; init; }

    /// <summary>
    /// Available, read-only and stopped at its target before promotion: it can be replayed on to a later target
    /// (<see cref="IDatabaseRestorer.ContinueRestoreAsync"/>) and must be promoted before applications use it.
    /// </summary>
    public bool PausedAtTarget { get; init; }
}

/// <summary>Where a database answers. Never carries credentials.</summary>
/// <param name="Identifier">The engine's name for it (cluster identifier, local data directory name).</param>
public sealed record DatabaseEndpoint(string Identifier, string Host, int Port, string Database)
{
    public override string ToString() => $"{Host}:{Port}/{Database}";
}

/// <summary>What the engine knows about the source database, for plans and readiness checks.</summary>
/// <param name="DeletionProtection">Null where the engine has no such protection to turn on (a local server).</param>
public sealed record SourceDescription(
    string Identifier,
    DatabaseEndpoint? Endpoint,
    int BackupRetentionDays,
    bool? DeletionProtection,
    IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The <see cref="Settings"/> key of the logs a managed engine exports (comma-separated); absent where logs are not exported.</summary>
    public const string LogExportsSetting = "logExports";

    /// <summary>The source's <c>log_statement</c> (none, ddl, mod, all), where the engine can tell.</summary>
    public const string LogStatementSetting = "logStatement";

    /// <summary>The source's <c>pgaudit.log</c> classes, where pgaudit is configured.</summary>
    public const string PgauditLogSetting = "pgauditLog";

    /// <summary>Settings the restore will not share with the source, and why (a configured override, a part the engine does not recreate).</summary>
    public IReadOnlyList<SettingDifference> ExpectedDifferences { get; init; } = [];
}
