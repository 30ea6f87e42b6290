using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Events;

/// <summary>A recovery or drill was planned: nothing is restored until someone confirms.</summary>
/// <param name="IncidentAt">When the damage happened; null when nobody said.</param>
/// <param name="Warning">Something the person must know before confirming.</param>
public sealed record Planned(
    RecoveryMode Mode,
    RecoveryTarget Target,
    string Identifier,
    RestorableWindow Window,
    string SourceIdentifier,
    DateTimeOffset? IncidentAt,
    ProductionMoved? Warning) : RecoveryEvent
{
    private readonly ValueList<SettingDifference> expectedDifferences = new([]);

    /// <summary>Settings the restore will not share with the source, and why.</summary>
    public IReadOnlyList<SettingDifference> ExpectedDifferences { get => expectedDifferences; init => expectedDifferences = new(value); }

    /// <summary>The target is the commit of a marker row written on the source; validation looks for it and for a second one written after it.</summary>
    public bool MarkerProof { get; init; }

    /// <summary>The drill aborted so that this recovery could have the database; null when none was in the way.</summary>
    public string? AbortedDrill { get; init; }
}

public sealed record Confirmed(string Identifier, DateTimeOffset Target) : RecoveryEvent;

public sealed record Cancelled : RecoveryEvent;

/// <param name="Endpoint">Where the application will be pointed; null for a drill.</param>
public sealed record Approved(string Identifier, DatabaseEndpoint? Endpoint, bool Drill) : RecoveryEvent;

/// <summary>
/// The restored data was rejected. An earlier time is a new restore and the rejected one is deleted; a later
/// time, on a restore paused at its target, replays the same server on (<see cref="RestoreMethod.ContinuedReplay"/>).
/// </summary>
public sealed record Rejected(
    int RejectedAttempt,
    DateTimeOffset RejectedTarget,
    RecoveryTarget NewTarget,
    string NewIdentifier,
    RestoreMethod Method = RestoreMethod.NewRestore) : RecoveryEvent;

public sealed record Aborted(string Identifier) : RecoveryEvent;

/// <summary>A failed step is tried again from the state it failed in.</summary>
public sealed record Retried(RecoveryState Into) : RecoveryEvent;

/// <param name="Reason">Why, as the person gave it; null when they gave none.</param>
public sealed record RollbackRequested(string? Reason) : RecoveryEvent;

/// <summary>The retention of the replaced database has ended; it waits for a person to decommission it (from the bot when <paramref name="BotMayDelete"/>, else by hand).</summary>
public sealed record DecommissionDue(string Identifier, Actor Initiator, TimeSpan Retention, bool BotMayDelete) : RecoveryEvent;

/// <summary>The database the recovery replaced is to be deleted.</summary>
public sealed record Decommissioned(string Identifier) : RecoveryEvent;

/// <summary>A person's action that was not carried out; nothing changed.</summary>
public sealed record Refused(RecoveryTrigger Action, Refusal Why) : RecoveryEvent;

/// <summary>A request turned away at the door (not an allowed user or channel) before it reached the recovery.</summary>
/// <param name="Request">What was asked, as the edge names it (a command, a button).</param>
public sealed record NotAdmitted(string Request, string Reason) : RecoveryEvent;
