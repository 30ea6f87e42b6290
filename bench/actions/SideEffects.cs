using System.Collections.Concurrent;
using Pitr.Domain.Ports;

namespace Pitr.Bench.Actions;

/// <summary>An engine and a secret store that note when each side effect happens: the end of every measured interval.</summary>
internal sealed class SideEffects
{
    public ConcurrentDictionary<string, DateTimeOffset> RestoreRequested { get; } = new();

    public ConcurrentQueue<DateTimeOffset> SecretWritten { get; } = new();

    public ConcurrentQueue<DateTimeOffset> SecretReverted { get; } = new();
}

internal sealed class TimedRestorer(SideEffects effects) : IDatabaseRestorer
{
    public ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RestorableWindow(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(-1)));

    public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SourceDescription("orders-prod", null, 30, true, new Dictionary<string, string>()));

    public ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        effects.RestoreRequested.TryAdd(request.Identifier, DateTimeOffset.UtcNow);
        return ValueTask.CompletedTask;
    }

    public ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken) =>
        ValueTask.FromResult(effects.RestoreRequested.ContainsKey(identifier)
            ? new RestoreStatus(RestorePhase.Available, new DatabaseEndpoint(identifier, "127.0.0.1", 5432, "orders"))
            : new RestoreStatus(RestorePhase.NotFound));

    public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

internal sealed class PassingValidation : IValidationRunner
{
    public ValueTask<ValidationReport> RunAsync(DatabaseEndpoint restored, DateTimeOffset target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ValidationReport([new CheckResult("orders rows", true, "1200", ">= 1", TimeSpan.Zero)]));
}

internal sealed class TimedSecrets(SideEffects effects) : ISecretStore
{
    public ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        effects.SecretWritten.Enqueue(DateTimeOffset.UtcNow);
        return ValueTask.FromResult(new SecretChange("v1", "v2", "orders-prod:5432"));
    }

    public ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken)
    {
        effects.SecretReverted.Enqueue(DateTimeOffset.UtcNow);
        return ValueTask.CompletedTask;
    }
}
