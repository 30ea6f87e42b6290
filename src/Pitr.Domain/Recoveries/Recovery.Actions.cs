using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

public sealed partial class Recovery
{
    // What people do.
    public Task ConfirmAsync(Actor by) =>
        FireAsync(by, $"restore {data.CurrentAttempt.Identifier} to {TimeFormat.Utc(data.CurrentAttempt.Target)}", () => machine.FireAsync(RecoveryTrigger.Confirm));

    public Task CancelAsync(Actor by) => FireAsync(by, "plan cancelled", () => machine.FireAsync(RecoveryTrigger.Cancel));

    public Task ApproveAsync(Actor by) =>
        FireAsync(by, IsDrill ? "drill finished" : $"cut over to {data.CurrentAttempt.Identifier}", () => machine.FireAsync(approve, by));

    public Task RejectAsync(Actor by, DateTimeOffset earlierTarget) =>
        FireAsync(by, $"attempt {data.CurrentAttempt.Number} at {TimeFormat.Utc(data.CurrentAttempt.Target)} rejected; restore again to {TimeFormat.Utc(earlierTarget)}",
            () => machine.FireAsync(reject, earlierTarget));

    public Task AbortAsync(Actor by) => FireAsync(by, "aborted", () => machine.FireAsync(RecoveryTrigger.Abort));

    public Task RetryAsync(Actor by) => FireAsync(by, $"retry {data.FailedIn}", () => machine.FireAsync(RecoveryTrigger.Retry));

    public Task RollbackAsync(Actor by, string reason) => FireAsync(by, reason, () => machine.FireAsync(rollback, reason));

    public Task DecommissionAsync(Actor by) =>
        FireAsync(by, $"delete {data.SourceIdentifier}", () => machine.FireAsync(RecoveryTrigger.Decommission));

    // Outcomes of the runner's work.
    public Task RestoreAvailableAsync(DatabaseEndpoint endpoint) =>
        FireAsync(Actor.Bot, $"{endpoint.Identifier} available at {endpoint}", () => machine.FireAsync(restoreAvailable, endpoint));

    public Task RestoreFailedAsync(string reason) => FireAsync(Actor.Bot, reason, () => machine.FireAsync(restoreFailed, reason));

    public Task ValidationCompletedAsync(ValidationReport report) =>
        FireAsync(Actor.Bot, $"{report.Checks.Count(c => c.Passed)}/{report.Checks.Count} checks passed", () => machine.FireAsync(validationCompleted, report));

    public Task SecretUpdatedAsync(SecretChange change) =>
        FireAsync(Actor.Bot, $"secret version {change.NewVersion} current; {change.PreviousVersion} kept", () => machine.FireAsync(secretUpdated, change));

    public Task RolloutFinishedAsync(RolloutReport report) => report.Succeeded
        ? FireAsync(Actor.Bot, $"{report.Workloads.Count} workloads rolled out", () => machine.FireAsync(rolloutCompleted, report))
        : FireAsync(Actor.Bot, FailedWorkloads(report), () => machine.FireAsync(rolloutFailed, report));

    public Task HealthCheckedAsync(HealthReport report) => report.Healthy
        ? FireAsync(Actor.Bot, "service healthy", () => machine.FireAsync(healthConfirmed, report))
        : FireAsync(Actor.Bot, UnhealthyChecks(report), () => machine.FireAsync(healthFailed, report));

    public Task RollbackCompletedAsync(RolloutReport report) =>
        FireAsync(Actor.Bot, $"secret reverted to {data.SecretChange?.PreviousVersion}; {report.Workloads.Count} workloads restarted", () => machine.FireAsync(rollbackCompleted, report));

    public Task StepFailedAsync(string reason) => FireAsync(Actor.Bot, reason, () => machine.FireAsync(stepFailed, reason));

    public Task TimedOutAsync(string reason) => FireAsync(Actor.Bot, reason, () => machine.FireAsync(timedOut, reason));

    // Changes that move no state but belong in the record.
    public void RestoreRequested()
    {
        UpdateAttempt(a => a with { RequestedAt = clock.GetUtcNow() });
        Record(Actor.Bot, "RestoreRequested", State, State,
            $"restore of {data.CurrentAttempt.Identifier} to {TimeFormat.Utc(data.CurrentAttempt.Target)} requested");
    }

    public void DeletionDone(string identifier)
    {
        data = data with { Deletions = [.. data.Deletions.Select(d => d.Identifier == identifier ? d with { DoneAt = clock.GetUtcNow() } : d)] };
        Record(Actor.Bot, "Deleted", State, State, $"{identifier} deleted");
    }

    /// <summary>The engine refused a deletion (a protected database, a missing permission): say why once and try again later.</summary>
    public void DeletionFailed(string identifier, string reason, DateTimeOffset retryAt)
    {
        data = data with { Deletions = [.. data.Deletions.Select(d => d.Identifier == identifier ? d with { DueAt = retryAt, LastError = reason } : d)] };
        Record(Actor.Bot, "DeleteFailed", State, State, $"{identifier} not deleted: {reason}; next try {TimeFormat.Utc(retryAt)}");
    }

    public void Refused(Actor by, RecoveryActionKind kind, string reason) =>
        Record(by, $"{kind}Refused", State, State, reason);

    public void HeaderPosted(MessageRef header) => data = data with { Header = header };

    public void ActionsPosted(MessageRef? message, ThreadMessage? content) =>
        data = data with { ActionMessage = message, ActionMessageContent = content };

    /// <summary>When the current state was entered; phase timeouts count from here.</summary>
    public DateTimeOffset StateEnteredAt => data.Phases[^1].EnteredAt;

    /// <summary>The buttons to offer now: every person's action the machine would accept from someone (any approver, any earlier time).</summary>
    public IReadOnlyList<RecoveryAction> AvailableActions() =>
        [.. Enum.GetValues<RecoveryActionKind>()
            .Where(kind => WhyNot(kind, Actor.Bot, DateTimeOffset.MinValue) is null)
            .Select(kind => new RecoveryAction(kind, Id, State.ToString()))];

    /// <summary>Why <paramref name="by"/> cannot do <paramref name="kind"/> now, or null when they can.</summary>
    public string? WhyNot(RecoveryActionKind kind, Actor by, DateTimeOffset? target = null)
    {
        var trigger = RecoveryActions.TriggerOf(kind);
        ICollection<string> unmet;
        var can = trigger switch
        {
            RecoveryTrigger.Approve => machine.CanFire(approve, by, out unmet),
            RecoveryTrigger.Reject => machine.CanFire(reject, target ?? DateTimeOffset.MaxValue, out unmet),
            RecoveryTrigger.Rollback => machine.CanFire(rollback, "", out unmet),
            _ => machine.CanFire(trigger, out unmet),
        };
        if (can)
        {
            return null;
        }

        unmet ??= [];
        var reasons = unmet.Where(g => g is not (DrillGuard or CutoverGuard) || !unmet.Any(u => u is not (DrillGuard or CutoverGuard))).ToList();
        return reasons.Count == 0
            ? $"{kind} is not possible while recovery {Id} is {State}."
            : $"{kind} needs {string.Join(" and ", reasons)}.";
    }
}
