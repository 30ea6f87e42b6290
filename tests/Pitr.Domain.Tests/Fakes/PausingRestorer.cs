using Pitr.Domain.Ports;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>
/// An engine that pauses its restores at the target, as the local engine does: read-only until promoted, and able to
/// replay a paused restore on to a later target. Wraps <see cref="FakeRestorer"/>, which keeps the restores.
/// </summary>
public sealed class PausingRestorer(IDatabaseRestorer inner, CallLog log) : IDatabaseRestorer
{
    private readonly HashSet<string> promoted = [];
    private readonly HashSet<string> replaying = [];

    /// <summary>When set, promotion fails with this reason (the server stays in recovery).</summary>
    public string? PromotionFails { get; set; }

    public ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) => inner.GetRestorableWindowAsync(cancellationToken);

    public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken) => inner.DescribeSourceAsync(cancellationToken);

    public ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken) => inner.StartRestoreAsync(request, cancellationToken);

    public async ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken)
    {
        if (replaying.Remove(identifier))
        {
            return new RestoreStatus(RestorePhase.Creating, Detail: "replaying on");
        }

        var status = await inner.GetRestoreStatusAsync(identifier, cancellationToken);
        return status.Phase == RestorePhase.Available ? status with { PausedAtTarget = !promoted.Contains(identifier) } : status;
    }

    public ValueTask ContinueRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        log.Add($"restorer.Continue {request.Identifier} {request.Target:O}");
        replaying.Add(request.Identifier);
        return ValueTask.CompletedTask;
    }

    public ValueTask PromoteAsync(string identifier, CancellationToken cancellationToken)
    {
        log.Add($"restorer.Promote {identifier}");
        if (PromotionFails is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        promoted.Add(identifier);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) => inner.DeleteAsync(identifier, cancellationToken);

    public ValueTask<ProtectionReport> ProtectAsync(string identifier, CancellationToken cancellationToken) => inner.ProtectAsync(identifier, cancellationToken);
}
