using Mediator;
using Microsoft.Extensions.Options;
using Pitr.Domain.Drills.Fleet;
using Pitr.Domain.Drills.Start;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Drills;

/// <summary>
/// <c>pitr drill --all</c> and <c>/pitr drill all</c>: a drill of every configured database, <c>Pitr:Drills:Concurrency</c>
/// at a time, each told in its own thread, then one summary of them all.
/// </summary>
internal sealed class FleetDrills(ISender sender, IDatabaseCatalog catalog, IRecoveryStore store, TimeProvider clock, IOptions<DrillOptions> options)
{
    /// <param name="runToEnd">Carries a drill on until it has settled (the terminal steps it; the bot waits for its runner) and answers it.</param>
    public async Task<FleetSummary> RunAsync(Actor by, string channel, Func<string, CancellationToken, Task<RecoverySnapshot>> runToEnd, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.Value.Concurrency);
        var drills = await Task.WhenAll(catalog.Names.Order(StringComparer.OrdinalIgnoreCase).Select(async database =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                return await DrillAsync(database, by, channel, runToEnd, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }));
        return new FleetSummary(drills);
    }

    /// <summary>Nothing more happens to a drill without a person: it completed, failed, or ended.</summary>
    public static bool Settled(RecoverySnapshot drill) =>
        drill.State is RecoveryState.Completed or RecoveryState.Failed || RecoveryStates.IsTerminal(drill.State);

    private async Task<FleetDrill> DrillAsync(
        string database, Actor by, string channel, Func<string, CancellationToken, Task<RecoverySnapshot>> runToEnd, CancellationToken cancellationToken)
    {
        var started = await sender.Send(new StartDrill(database, by, channel), cancellationToken);
        if (started is not { Succeeded: true, Recovery: { } drill })
        {
            return FleetDrill.NotStarted(database, started.Why!);
        }

        var ended = await runToEnd(drill.Id, cancellationToken);
        return FleetDrill.Ran(ended, RecoveryReport.From(ended, await store.GetAuditTrailAsync(ended.Id, cancellationToken), clock.GetUtcNow()));
    }
}
