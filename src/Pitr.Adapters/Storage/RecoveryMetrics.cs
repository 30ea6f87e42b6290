using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Storage;

/// <summary>
/// Recovery metrics, taken where every change becomes durable: transitions by state, time spent in
/// each phase, and how many recoveries are open in each state. All are observed at collection time,
/// so an exporter that attaches late still sees everything since start.
/// </summary>
internal static class RecoveryMetrics
{
    private static readonly Meter Meter = new("Pitr");
    private static readonly ConcurrentDictionary<RecoveryState, int> Open = new();
    private static readonly ConcurrentDictionary<(RecoveryState From, RecoveryState To), long> Transitions = new();
    private static readonly ConcurrentDictionary<RecoveryState, (double Seconds, long Count)> Phases = new();

    static RecoveryMetrics()
    {
        Meter.CreateObservableGauge("recoveries.open",
            () => Open.Select(o => new Measurement<int>(o.Value, Tag("state", o.Key))),
            description: "Recoveries the runner is looking after, by state.");
        Meter.CreateObservableCounter("recovery.transitions",
            () => Transitions.Select(t => new Measurement<long>(t.Value, Tag("from", t.Key.From), Tag("to", t.Key.To))),
            description: "Recovery state transitions, by the state left and the state entered.");
        Meter.CreateObservableCounter("recovery.phase.seconds",
            () => Phases.Select(p => new Measurement<double>(p.Value.Seconds, Tag("phase", p.Key))),
            unit: "s", description: "Time spent in each recovery phase, summed over phases that ended.");
        Meter.CreateObservableCounter("recovery.phase.ended",
            () => Phases.Select(p => new Measurement<long>(p.Value.Count, Tag("phase", p.Key))),
            description: "Recovery phases that ended; with recovery.phase.seconds gives the mean duration.");
    }

    public static void Saved(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit)
    {
        foreach (var moved in audit.Where(e => e.From != e.To))
        {
            Transitions.AddOrUpdate((moved.From, moved.To), 1, (_, n) => n + 1);
            if (recovery.Phases.LastOrDefault(p => p.State == moved.From && p.EnteredAt <= moved.At) is { } phase)
            {
                var seconds = (moved.At - phase.EnteredAt).TotalSeconds;
                Phases.AddOrUpdate(moved.From, (seconds, 1), (_, sum) => (sum.Seconds + seconds, sum.Count + 1));
            }
        }
    }

    public static void Listed(IReadOnlyList<RecoverySnapshot> open)
    {
        foreach (var state in Enum.GetValues<RecoveryState>())
        {
            Open[state] = open.Count(r => r.State == state);
        }
    }

    private static KeyValuePair<string, object?> Tag(string name, RecoveryState state) => new(name, state.ToString());
}
