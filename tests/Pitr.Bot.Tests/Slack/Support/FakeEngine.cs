using System.Collections.Concurrent;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Tests.Slack.Support;

/// <summary>An engine that restores instantly: every restore is available on the next poll.</summary>
internal sealed class FakeRestorer(TimeProvider clock) : IDatabaseRestorer
{
    public ConcurrentDictionary<string, DateTimeOffset> Started { get; } = new();

    public ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RestorableWindow(clock.GetUtcNow().AddDays(-1), clock.GetUtcNow().AddMinutes(-1)));

    public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SourceDescription("orders-prod", null, 30, true, new Dictionary<string, string>()));

    public ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        Started.TryAdd(request.Identifier, request.Target);
        return ValueTask.CompletedTask;
    }

    public ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Started.ContainsKey(identifier)
            ? new RestoreStatus(RestorePhase.Available, new DatabaseEndpoint(identifier, "127.0.0.1", 5432, "orders"))
            : new RestoreStatus(RestorePhase.NotFound));

    public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

internal sealed class PassingValidation : IValidationRunner
{
    public ValueTask<ValidationReport> RunAsync(DatabaseEndpoint restored, DateTimeOffset target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ValidationReport([new CheckResult("orders rows", true, "1200", ">= 1", TimeSpan.FromMilliseconds(3))]));
}

internal sealed class FakeSecrets : ISecretStore
{
    public ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SecretChange("v1", "v2", "orders-prod:5432"));

    public ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
