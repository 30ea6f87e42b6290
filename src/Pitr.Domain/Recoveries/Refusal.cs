using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>Why a request was not carried out, as data: each edge words it for its own people. Refusals change nothing.</summary>
public abstract record Refusal;

public sealed record UnknownDatabase(string Database, IReadOnlyCollection<string> Configured) : Refusal;

public sealed record UnknownRecovery(string RecoveryId) : Refusal;

/// <summary>Another recovery holds the database.</summary>
public sealed record AlreadyActive(string RecoveryId, string Database, RecoveryState State, Actor Initiator) : Refusal;

public sealed record InvalidTarget(string? Text, TargetProblem Problem) : Refusal;

public sealed record TargetInFuture(DateTimeOffset Target, DateTimeOffset Now) : Refusal;

public sealed record OutsideWindow(DateTimeOffset Target, string Database, RestorableWindow Window) : Refusal
{
    public bool TooEarly => Target < Window.Earliest;
}

/// <summary>The button was rendered in an earlier state; the recovery has moved on since.</summary>
public sealed record StaleButton(RecoveryTrigger Action, RecoveryState OfferedIn, RecoveryState Now, ActionTaken? LastAction) : Refusal;

/// <param name="Unmet">The guards of the machine that do not hold, in the machine's own words; empty when the state allows no such action at all.</param>
public sealed record NotPermitted(RecoveryTrigger Action, RecoveryState State, IReadOnlyList<string> Unmet, ActionTaken? LastAction) : Refusal;

/// <summary>
/// Rolling back a cutover that no longer holds production: a newer cutover or rollback moved it, so pointing the
/// applications back at this recovery's source would skip over it and discard what was written since.
/// </summary>
/// <param name="Restore">This recovery's restore, which production no longer runs on.</param>
/// <param name="Production">Where production runs now; null when back on the configured source.</param>
public sealed record ProductionElsewhere(string RecoveryId, string Restore, ProductionMoved? Production) : Refusal;

/// <summary>A step's outcome arrived after the recovery had moved on (a person acted meanwhile): it no longer applies.</summary>
public sealed record MovedOn(RecoveryState StepRanIn, RecoveryState Now) : Refusal;

/// <summary>The database's engine cannot read its history, so no recovery point can be proposed: a time must be given.</summary>
public sealed record NoHistory(string Database) : Refusal;

/// <summary>A drill with a marker proof could not set it up; the drill does not start without it.</summary>
/// <param name="Marker">The marker the target would have been, when it was written.</param>
/// <param name="Window">The restorable window when the drill gave up, when it was read.</param>
/// <param name="Detail">The source's own words, free of secrets, when it refused the write.</param>
public sealed record MarkerProofImpossible(
    string Database, MarkerProblem Problem, DrillMarker? Marker, RestorableWindow? Window, TimeSpan Waited, string? Detail) : Refusal;

public enum MarkerProblem
{
    /// <summary>The source refused the marker rows.</summary>
    NotWritten,

    /// <summary>The second marker's commit is not after the target: the source's clock went back.</summary>
    ClockWentBack,

    /// <summary>The archive did not reach the markers in time.</summary>
    NotRestorable,

    /// <summary>The markers are older than the oldest base backup.</summary>
    BeforeWindow,
}
