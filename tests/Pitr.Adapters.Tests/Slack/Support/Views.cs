using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Tests.Slack.Support;

/// <summary>Recoveries as a channel is handed them, built directly for rendering tests.</summary>
internal static class Views
{
    public static readonly Actor Alice = new("U_ALICE", "alice");

    /// <summary>A recovery of <c>orders</c> in <paramref name="state"/>, on attempt <paramref name="attempt"/> to <paramref name="target"/>, requested at the epoch.</summary>
    public static RecoverySnapshot Recovery(string id, RecoveryState state, DateTimeOffset target, int attempt = 1)
    {
        var requested = DateTimeOffset.UnixEpoch;
        return new RecoverySnapshot(id, "orders", RecoveryMode.Recovery, state, Version: 1, Alice, "C1", requested, requested,
            new RestorableWindow(requested.AddDays(-7), requested), "orders-prod", AutoApprove: false)
        {
            Attempts = [.. Enumerable.Range(1, attempt).Select(n => new RestoreAttempt(n, target, RestoreAttempt.IdentifierFor(id, n)))],
            Phases = [new PhaseEntry(RecoveryState.Requested, requested), new PhaseEntry(state, requested)],
        };
    }

    /// <summary>The view of <paramref name="recovery"/> at <paramref name="now"/>, offering no buttons.</summary>
    public static RecoveryView Of(RecoverySnapshot recovery, DateTimeOffset now) => new(recovery, [], [], now);
}
