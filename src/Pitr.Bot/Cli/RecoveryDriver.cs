using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

/// <summary>
/// Runs one recovery's steps in the foreground until it reaches a state the caller waits for. Each step
/// is taken under the recovery's lease, so a bot stepping the same recovery (PostgreSQL store) is waited for, not raced.
/// </summary>
internal sealed class RecoveryDriver(RecoveryStepper stepper, IRecoveryStore store, IRecoveryLeases leases, TimeProvider clock)
{
    public async Task<RecoverySnapshot> RunUntilAsync(string recoveryId, Func<RecoverySnapshot, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var recovery = await store.FindAsync(recoveryId, cancellationToken)
                ?? throw new InvalidOperationException($"Recovery {recoveryId} disappeared from the store.");
            if (done(recovery) || !recovery.IsOpen())
            {
                return recovery;
            }

            TimeSpan next;
            await using (var lease = await leases.TryAcquireAsync(recoveryId, cancellationToken))
            {
                next = lease is null ? TimeSpan.FromSeconds(1) : await stepper.AdvanceAsync(recoveryId, cancellationToken);
            }

            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(1) : Min(next, TimeSpan.FromSeconds(1)), clock, cancellationToken);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
