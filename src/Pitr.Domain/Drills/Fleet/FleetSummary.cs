using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Drills.Fleet;

/// <summary>One drill of every configured database, side by side: the fleet's readiness in one message.</summary>
public sealed record FleetSummary(IReadOnlyList<FleetDrill> Drills)
{
    public bool AllPassed => Drills.Count > 0 && Drills.All(d => d.Passed);
}

/// <summary>How the drill of one database went.</summary>
/// <param name="Report">The drill's report; null when it could not start.</param>
/// <param name="Lag">How far the latest restorable time trailed the start of the drill: the recovery point as it stood.</param>
/// <param name="Why">Why the drill could not start; null when it ran.</param>
public sealed record FleetDrill(string Database, RecoveryReport? Report, TimeSpan? Lag, Refusal? Why)
{
    /// <summary>Completed with every check passed.</summary>
    public bool Passed => Report is { Outcome: RecoveryState.Completed } report && report.Checks.All(c => c.Passed);

    public static FleetDrill Ran(RecoverySnapshot drill, RecoveryReport report) =>
        new(drill.Database, report, drill.RequestedAt - drill.Window.Latest, null);

    public static FleetDrill NotStarted(string database, Refusal why) => new(database, null, null, why);
}
