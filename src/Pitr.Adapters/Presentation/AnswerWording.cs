using Pitr.Domain;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Presentation;

/// <summary>The answer to a person's request: what was done, or why not and what to do instead.</summary>
public sealed class AnswerWording(TextStyle style)
{
    public string Why(Refusal refusal) => refusal switch
    {
        UnknownDatabase u => $"There is no database {style.Code(u.Database)}. Configured: {string.Join(", ", u.Configured.Select(style.Code))}.",
        UnknownRecovery u => $"There is no recovery {style.Code(u.RecoveryId)}. {style.Command("status")} lists the recent ones.",
        AlreadyActive a => $"Recovery {style.Code(a.RecoveryId)} of {style.Code(a.Database)} is already {a.State} (started by {style.Person(a.Initiator)}). Follow it in its thread, or {style.Command($"abort {a.RecoveryId}")} first.",
        InvalidTarget { Problem: TargetProblem.NoOffset } t =>
            $"{style.Code(t.Text ?? "")} has no UTC offset, so it is ambiguous. Add {style.Code("Z")} for UTC or an offset such as {style.Code("+02:00")}, e.g. {style.Code(RecoveryTarget.Example)}.",
        InvalidTarget { Problem: TargetProblem.Malformed } t => $"{style.Code(t.Text ?? "")} is not a valid ISO-8601 time. Use the form {style.Code(RecoveryTarget.Example)}.",
        InvalidTarget => $"Give the time to restore to, with its offset, e.g. {style.Code(RecoveryTarget.Example)} or {style.Code("2024-05-01T12:32:15+02:00")}.",
        TargetInFuture f => $"{TimeFormat.Exact(f.Target)} is in the future (it is now {TimeFormat.Utc(f.Now)}). Give a time before the damage, e.g. {style.Code(TimeFormat.Utc(f.Now.AddMinutes(-5)))}.",
        OutsideWindow { TooEarly: true } o =>
            $"{TimeFormat.Exact(o.Target)} is before the earliest restorable time of {style.Code(o.Database)}. Restorable window: {o.Window}. Pick a time inside it, e.g. {style.Code(TimeFormat.Utc(o.Window.Earliest))}.",
        OutsideWindow o =>
            $"{TimeFormat.Exact(o.Target)} is after the latest restorable time of {style.Code(o.Database)} (changes after it are not archived yet). Restorable window: {o.Window}. Pick a time inside it, e.g. {style.Code(TimeFormat.Utc(o.Window.Latest))}, or try again in a minute.",
        StaleButton s => $"That button was for the {s.OfferedIn} step; the recovery has moved on and is now {s.Now}{Last(s.LastAction)}. Nothing was changed.",
        NotPermitted { Unmet.Count: 0 } n => $"{n.Action} is not possible while the recovery is {n.State}{Last(n.LastAction)}. Nothing was changed.",
        NotPermitted n => $"{n.Action} needs {string.Join(" and ", n.Unmet)}. The recovery is {n.State}{Last(n.LastAction)}. Nothing was changed.",
        NoHistory n => $"The engine of {style.Code(n.Database)} cannot read its history, so there is nothing to propose: give the time, e.g. {style.Command($"start {RecoveryTarget.Example} {n.Database}")}.",
        MovedOn m => $"The recovery moved on from {m.StepRanIn} to {m.Now}.",
        ProductionElsewhere p =>
            $"Production no longer runs on {style.Code(p.Restore)}: " +
            (p.Production is { } now
                ? $"recovery {style.Code(now.CutoverRecoveryId)} moved it to {style.Code(now.RunsOn)} on {TimeFormat.Utc(now.Since)}. "
                : "a later rollback put it back on the configured source. ") +
            $"Rolling back {style.Code(p.RecoveryId)} now would point the applications at an older database and lose what was written since. Nothing was changed. " +
            (p.Production is { } newer
                ? $"Roll back {style.Code(newer.CutoverRecoveryId)} first ({style.Command($"rollback {newer.CutoverRecoveryId}")}), or move the connection secret by hand."
                : "If that is really wanted, move the connection secret by hand."),
        MarkerProofImpossible m => MarkerProof(m),
        _ => refusal.GetType().Name,
    };

    private string MarkerProof(MarkerProofImpossible m) => $"No drill of {style.Code(m.Database)}: its marker proof cannot be made. " + m.Problem switch
    {
        MarkerProblem.NotWritten => $"The source refused the marker rows ({m.Detail}). Check {style.Code($"Pitr:Databases:{m.Database}:Drills:MarkerConnection")}: the user must be able to create and write {style.Code("pitr_drill_marker")}.",
        MarkerProblem.ClockWentBack => "The second marker committed no later than the first: the source's clock went back. Try again.",
        MarkerProblem.NotRestorable =>
            $"The archive did not reach the markers (committed {(m.Marker is { } marker ? TimeFormat.Exact(marker.CommittedAt) : "?")}) within {TimeFormat.Duration(m.Waited)}; the latest restorable time is {(m.Window is { } w ? TimeFormat.Exact(w.Latest) : "unknown")}. WAL is not reaching the archive: check archiving before trusting a recovery.",
        MarkerProblem.BeforeWindow => $"The markers are older than the earliest restorable time ({m.Window}).",
        _ => m.Problem.ToString(),
    };

    /// <summary>The answer to a person's action on a recovery.</summary>
    public string Acted(RecoveryResult result) => Answer(result, r =>
        (r.LastPersonAction is { } last ? new RecoveryNarrative(style).LastAction(last) + ". " : "") + $"Recovery {style.Code(r.Id)} is now {r.State}.");

    /// <summary>The answer to a start or a drill.</summary>
    public string Planned(RecoveryResult result) => Answer(result, r =>
        $"Planned {(r.IsDrill ? "drill" : "recovery")} {style.Code(r.Id)} of {style.Code(r.Database)} to {TimeFormat.Exact(r.CurrentAttempt.Target)}. Confirm to start; the plan is in the recovery's thread.");

    private string Answer(RecoveryResult result, Func<RecoverySnapshot, string> done) => result switch
    {
        { Succeeded: true, Recovery: { } r } => $"{style.Mark(Tone.Done)}{done(r)}",
        { Why: { } why } => $"{style.Mark(Tone.Refused)}{Why(why)}{About(result)}",
        _ => $"{style.Mark(Tone.Refused)}{result.Status}",
    };

    private string About(RecoveryResult result) =>
        result.Why is StaleButton or NotPermitted && result.Recovery is { } r ? $" (recovery {style.Code(r.Id)})" : "";

    private string Last(ActionTaken? last) => last is null ? "" : $" ({new RecoveryNarrative(style).LastAction(last)})";
}
