using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Recoveries;

public sealed partial class Recovery
{
    /// <summary>Carries out a person's action; call <see cref="WhyNot"/> first.</summary>
    public Task ActAsync(PersonAction act)
    {
        var attempt = data.CurrentAttempt;
        var by = act.By;
        return act.Action switch
        {
            RecoveryTrigger.Confirm => FireAsync(by, new Confirmed(attempt.Identifier, attempt.Target), () => machine.FireAsync(RecoveryTrigger.Confirm)),
            RecoveryTrigger.Cancel => FireAsync(by, new Cancelled(), () => machine.FireAsync(RecoveryTrigger.Cancel)),
            RecoveryTrigger.Approve => FireAsync(by, new Approved(attempt.Identifier, IsDrill ? null : attempt.Endpoint, IsDrill), () => machine.FireAsync(approve, by)),
            RecoveryTrigger.Reject => RejectAsync(by, Required(act.Target)),
            RecoveryTrigger.Abort => FireAsync(by, new Aborted(attempt.Identifier), () => machine.FireAsync(RecoveryTrigger.Abort)),
            RecoveryTrigger.Retry => FireAsync(by, new Retried(data.FailedIn ?? RecoveryState.Restoring), () => machine.FireAsync(RecoveryTrigger.Retry)),
            RecoveryTrigger.Rollback => RollbackAsync(by, act.Reason),
            RecoveryTrigger.Decommission => FireAsync(by, new Decommissioned(data.SourceIdentifier), () => machine.FireAsync(decommission, by)),
            _ => throw new ArgumentOutOfRangeException(nameof(act), act.Action, "not a person's action"),
        };
    }

    private Task RejectAsync(Actor by, RecoveryTarget target)
    {
        var attempt = data.CurrentAttempt;
        var method = ContinuesReplay(target) ? RestoreMethod.ContinuedReplay : RestoreMethod.NewRestore;
        var identifier = method == RestoreMethod.ContinuedReplay ? attempt.Identifier : RestoreAttempt.IdentifierFor(Id, attempt.Number + 1);
        return FireAsync(by, new Rejected(attempt.Number, attempt.Target, target, identifier, method), () => machine.FireAsync(reject, target));
    }

    private Task RollbackAsync(Actor by, string? reason)
    {
        var requested = new RollbackRequested(reason);
        return FireAsync(by, requested, () => machine.FireAsync(rollback, requested));
    }

    // Outcomes of the runner's work.
    /// <param name="pausedAtTarget">The engine stopped the restore at its target, read-only, short of promotion.</param>
    public Task RestoreAvailableAsync(DatabaseEndpoint endpoint, bool pausedAtTarget = false)
    {
        var attempt = data.CurrentAttempt;
        var available = new RestoreAvailable(attempt.Identifier, endpoint, clock.GetUtcNow() - StateEnteredAt, attempt.Method, pausedAtTarget);
        return FireAsync(Actor.Bot, available, () => machine.FireAsync(restoreAvailable, available));
    }

    public Task RestoreFailedAsync(string? engineDetail)
    {
        var failed = new RestoreFailed(data.CurrentAttempt.Identifier, engineDetail);
        return FireAsync(Actor.Bot, failed, () => machine.FireAsync(restoreFailed, failed));
    }

    public Task ValidationCompletedAsync(ValidationReport report) =>
        FireAsync(Actor.Bot, new ValidationCompleted(data.CurrentAttempt.Identifier, data.CurrentAttempt.Target, report), () => machine.FireAsync(validationCompleted, report));

    public Task SecretUpdatedAsync(SecretChange change) =>
        FireAsync(Actor.Bot, new SecretUpdated(change, data.CurrentAttempt.Endpoint!), () => machine.FireAsync(secretUpdated, change));

    public Task RolloutFinishedAsync(RolloutReport report) => report.Succeeded
        ? FireAsync(Actor.Bot, new RolloutCompleted(report), () => machine.FireAsync(rolloutCompleted, report))
        : FireAsync(Actor.Bot, new RolloutFailed(report), () => machine.FireAsync(rolloutFailed, report));

    /// <param name="protection">How the new production was made recoverable; a recovery completes only when it is.</param>
    public Task HealthCheckedAsync(HealthReport report, ProtectionReport? protection = null)
    {
        if (!report.Healthy)
        {
            return FireAsync(Actor.Bot, new HealthFailed(report, rules.AutoRollbackOnUnhealthy), () => machine.FireAsync(healthFailed, report));
        }

        if (protection is { Protected: false })
        {
            return StepFailedAsync(new NotProtected(protection));
        }

        data = data with { Protection = protection };
        return FireAsync(Actor.Bot, new HealthConfirmed(report, protection), () => machine.FireAsync(healthConfirmed, report));
    }

    public Task RollbackCompletedAsync(RolloutReport report) =>
        FireAsync(Actor.Bot, new RollbackCompleted(data.SecretChange, report), () => machine.FireAsync(rollbackCompleted, report));

    /// <summary>A step could not be done: <paramref name="failure"/> is <see cref="StepFailed"/> or <see cref="DatabaseUnconfigured"/>.</summary>
    public Task StepFailedAsync(RecoveryEvent failure) => FireAsync(Actor.Bot, failure, () => machine.FireAsync(stepFailed, failure));

    public Task TimedOutAsync(RecoveryPhase phase, TimeSpan limit)
    {
        var timeout = new TimedOut(phase, limit);
        return FireAsync(Actor.Bot, timeout, () => machine.FireAsync(timedOut, timeout));
    }

    // Changes that move no state but belong in the record.
    public void RestoreRequested()
    {
        UpdateAttempt(a => a with { RequestedAt = clock.GetUtcNow() });
        Record(Actor.Bot, new RestoreRequested(data.CurrentAttempt.Identifier, data.CurrentAttempt.Target));
    }

    /// <summary>The retention of the replaced database has ended: people are reminded, once, that it waits for them.</summary>
    public void RemindDecommission()
    {
        data = data with { DecommissionRemindedAt = clock.GetUtcNow() };
        Record(Actor.Bot, new DecommissionDue(data.SourceIdentifier, data.Initiator, rules.Retention, MayDeleteSource));
    }

    /// <summary>The replaced database has been kept as long as the rules say; a reminder is due unless one was given.</summary>
    public bool DecommissionReminderDue => RetentionEnded && data.DecommissionRemindedAt is null && !IsDrill && State == RecoveryState.Completed;

    public void DeletionDone(string identifier)
    {
        data = data with { Deletions = [.. data.Deletions.Select(d => d.Identifier == identifier ? d with { DoneAt = clock.GetUtcNow() } : d)] };
        Record(Actor.Bot, new Deleted(identifier));
    }

    /// <summary>The engine refused a deletion (a protected database, a missing permission): say why once and try again later.</summary>
    public void DeletionFailed(string identifier, string reason, DateTimeOffset retryAt)
    {
        data = data with { Deletions = [.. data.Deletions.Select(d => d.Identifier == identifier ? d with { DueAt = retryAt, LastError = reason } : d)] };
        Record(Actor.Bot, new DeleteFailed(identifier, reason, retryAt));
    }

    /// <summary>The runner has work to do here: the machine lets this state fail a step.</summary>
    public bool IsWorking => machine.CanFire(stepFailed, new StepFailed(""));

    /// <summary>The bot may approve on its own: asked for when the recovery was planned, and the machine's guards hold for the bot.</summary>
    public bool MayApproveAutomatically => data.AutoApprove && machine.CanFire(approve, Actor.Bot);

    /// <summary>The buttons to offer now: every person's action the machine would accept from someone (any approver, any earlier time).</summary>
    public IReadOnlyList<RecoveryAction> AvailableActions() =>
        [.. RecoveryTriggers.PersonActions
            .Where(action => Unmet(action, Actor.Bot, RecoveryTarget.At(DateTimeOffset.MinValue)) is null)
            .Select(action => new RecoveryAction(action, Id, State))];

    /// <summary>Why <paramref name="by"/> cannot do <paramref name="action"/> now (offered in <paramref name="offeredIn"/>), or null when they can.</summary>
    public Refusal? WhyNot(RecoveryTrigger action, Actor by, RecoveryState? offeredIn = null, RecoveryTarget? target = null)
    {
        if (offeredIn is { } offered && offered != State)
        {
            return new StaleButton(action, offered, State, data.LastPersonAction);
        }

        return Unmet(action, by, target ?? RecoveryTarget.At(DateTimeOffset.MaxValue)) is { } unmet
            ? new NotPermitted(action, State, unmet, data.LastPersonAction)
            : null;
    }

    private List<string>? Unmet(RecoveryTrigger action, Actor by, RecoveryTarget target)
    {
        ICollection<string> unmet;
        var can = action switch
        {
            RecoveryTrigger.Approve => machine.CanFire(approve, by, out unmet),
            RecoveryTrigger.Decommission => machine.CanFire(decommission, by, out unmet),
            RecoveryTrigger.Reject => machine.CanFire(reject, target, out unmet),
            RecoveryTrigger.Rollback => machine.CanFire(rollback, new RollbackRequested(null), out unmet),
            _ => machine.CanFire(action, out unmet),
        };
        if (can)
        {
            return null;
        }

        // A drill-or-not guard only explains the refusal when no other guard does.
        var reasons = (unmet ?? []).ToList();
        var telling = reasons.Where(g => g is not (DrillGuard or CutoverGuard)).ToList();
        return telling.Count > 0 ? telling : reasons;
    }

    private static RecoveryTarget Required(RecoveryTarget? target) =>
        target ?? throw new ArgumentException("Reject needs the time to restore to instead.", nameof(target));
}
