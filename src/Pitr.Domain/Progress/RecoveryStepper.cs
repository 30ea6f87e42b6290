using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress;

/// <summary>
/// Performs the work a recovery's state calls for, through the ports, and feeds the outcome back as a
/// trigger. Every call is safe to repeat: a step re-run after a crash asks the engine before it acts,
/// so a restore already under way is found rather than started twice.
/// </summary>
public sealed class RecoveryStepper(
    RecoveryRepository repository,
    RecoveryAnnouncer announcer,
    IDatabaseCatalog catalog,
    IIncidentChannel channel,
    RecoveryRules rules,
    TimeProvider clock)
{
    private static readonly TimeSpan Now = TimeSpan.Zero;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    // Adapters given a timeout report what they saw when it expires (which workload, which query);
    // the step's own deadline comes a little later so that report, not a bare timeout, decides.
    private static readonly TimeSpan ReportSlack = TimeSpan.FromSeconds(15);

    // A refused deletion (protected database, missing permission) rarely fixes itself within minutes.
    private static readonly TimeSpan DeletionRetry = TimeSpan.FromHours(1);

    /// <summary>Advances recovery <paramref name="id"/> by one step.</summary>
    /// <returns>How long to wait before looking at it again.</returns>
    public async ValueTask<TimeSpan> AdvanceAsync(string id, CancellationToken cancellationToken)
    {
        var recovery = await repository.FindAsync(id, cancellationToken);
        if (recovery is null)
        {
            return Timeout.InfiniteTimeSpan;
        }

        if (catalog.Find(recovery.Snapshot.Database) is not { } database)
        {
            return await FailAsync(recovery, $"database `{recovery.Snapshot.Database}` is no longer configured", cancellationToken);
        }

        if (recovery.Snapshot.Header is null)
        {
            // Posting the header saves its reference: step on from that version.
            await announcer.AnnounceAsync(recovery, [], cancellationToken);
            recovery = await repository.FindAsync(id, cancellationToken) ?? recovery;
        }

        var next = await StepAsync(recovery, database, cancellationToken);
        await DeleteDueAsync(id, database, cancellationToken);
        return next;
    }

    private async ValueTask<TimeSpan> StepAsync(Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken)
    {
        var policy = database.Policy;
        try
        {
            return recovery.State switch
            {
                RecoveryState.Restoring => await RestoreAsync(recovery, database, cancellationToken),
                RecoveryState.Validating => await WithinAsync(recovery, policy.ValidationTimeout, "validation", async ct =>
                {
                    var attempt = recovery.Snapshot.CurrentAttempt;
                    var report = await database.Validation.RunAsync(attempt.Endpoint!, attempt.Target, ct);
                    return await FireAsync(recovery, r => r.ValidationCompletedAsync(report), ct);
                }, cancellationToken),
                RecoveryState.AwaitingApproval => await ApproveAutomaticallyAsync(recovery, policy, cancellationToken),
                RecoveryState.CuttingOver => await WithinAsync(recovery, policy.CutoverTimeout, "the secret update", async ct =>
                {
                    var change = await database.Secrets.PointAtAsync(recovery.Snapshot.CurrentAttempt.Endpoint!, ct);
                    return await FireAsync(recovery, r => r.SecretUpdatedAsync(change), ct);
                }, cancellationToken),
                RecoveryState.Restarting => await WithinAsync(recovery, policy.RolloutTimeout + ReportSlack, "the rollout", async ct =>
                {
                    var report = await RestartAsync(recovery, database, policy.RolloutTimeout, ct);
                    return await FireAsync(recovery, r => r.RolloutFinishedAsync(report), ct);
                }, cancellationToken),
                RecoveryState.Verifying => await WithinAsync(recovery, policy.HealthTimeout + ReportSlack, "the health check", async ct =>
                {
                    var report = await database.Health.WaitUntilHealthyAsync(Remaining(recovery, policy.HealthTimeout), recovery.Snapshot.IncidentAt, ct);
                    return await FireAsync(recovery, r => r.HealthCheckedAsync(report), ct);
                }, cancellationToken),
                RecoveryState.RollingBack => await WithinAsync(recovery, policy.RollbackTimeout + ReportSlack, "the rollback", async ct =>
                {
                    if (recovery.Snapshot.SecretChange is { } change)
                    {
                        await database.Secrets.RevertAsync(change, ct);
                    }

                    var report = await RestartAsync(recovery, database, policy.RollbackTimeout, ct);
                    return report.Succeeded
                        ? await FireAsync(recovery, r => r.RollbackCompletedAsync(report), ct)
                        : await FailAsync(recovery, "rollback restart failed: " + string.Join("; ", report.Workloads.Where(w => !w.Succeeded).Select(w => $"{w.Name}: {w.Detail}")), ct);
                }, cancellationToken),
                RecoveryState.Completed => await DecommissionWhenDueAsync(recovery, cancellationToken),
                _ => policy.PollInterval,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException && IsWorking(recovery.State))
        {
            return await FailAsync(recovery, e.Message, cancellationToken);
        }
    }

    private async ValueTask<TimeSpan> RestoreAsync(Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken)
    {
        var attempt = recovery.Snapshot.CurrentAttempt;
        if (clock.GetUtcNow() - recovery.StateEnteredAt > database.Policy.RestoreTimeout)
        {
            return await FireAsync(recovery, r => r.TimedOutAsync(
                $"`{attempt.Identifier}` did not become available within {TimeFormat.Duration(database.Policy.RestoreTimeout)}"), cancellationToken);
        }

        var status = await database.Restorer.GetRestoreStatusAsync(attempt.Identifier, cancellationToken);
        switch (status.Phase)
        {
            case RestorePhase.Available when status.Endpoint is { } endpoint:
                return await FireAsync(recovery, r => r.RestoreAvailableAsync(endpoint), cancellationToken);
            case RestorePhase.Failed:
                return await FireAsync(recovery, r => r.RestoreFailedAsync(
                    $"the engine reports restore `{attempt.Identifier}` failed: {status.Detail ?? "no detail given"}"), cancellationToken);
            case RestorePhase.NotFound:
                var tags = new Dictionary<string, string>
                {
                    ["pitr:recovery"] = recovery.Id,
                    ["pitr:attempt"] = attempt.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["pitr:target"] = TimeFormat.Utc(attempt.Target),
                    ["pitr:initiator"] = recovery.Snapshot.Initiator.Name,
                };
                await database.Restorer.StartRestoreAsync(new RestoreRequest(attempt.Identifier, attempt.Target, tags), cancellationToken);
                if (attempt.RequestedAt is null)
                {
                    recovery.RestoreRequested();
                    await SaveAsync(recovery, cancellationToken);
                }

                return Now;
            default:
                return database.Policy.PollInterval;
        }
    }

    private async ValueTask<TimeSpan> ApproveAutomaticallyAsync(Recovery recovery, DatabasePolicy policy, CancellationToken cancellationToken)
    {
        var r = recovery.Snapshot;
        var approvable = r.Mode == RecoveryMode.Drill || r.CurrentAttempt.Validation?.Passed == true;
        return r.AutoApprove && approvable
            ? await FireAsync(recovery, x => x.ApproveAsync(Actor.Bot), cancellationToken)
            : policy.PollInterval;
    }

    private async ValueTask<TimeSpan> DecommissionWhenDueAsync(Recovery recovery, CancellationToken cancellationToken)
    {
        var r = recovery.Snapshot;
        var due = r.CompletedAt + rules.Retention;
        return r.Mode == RecoveryMode.Recovery && due <= clock.GetUtcNow()
            ? await FireAsync(recovery, x => x.DecommissionAsync(Actor.Bot), cancellationToken)
            : TimeSpan.FromMinutes(1);
    }

    private async ValueTask<RolloutReport> RestartAsync(Recovery recovery, DatabaseBinding database, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var progress = new CoalescedProgress(channel, recovery.Snapshot.Header, recovery.Id, clock, ProgressEvery);
        var stamp = recovery.Snapshot.RestartedAt ?? recovery.StateEnteredAt;
        return await database.Workloads.RestartAsync(new RestartRequest(recovery.Id, stamp, Remaining(recovery, timeout)), progress, cancellationToken);
    }

    /// <summary>Runs a step under the time its phase has left, measured from when the phase was entered (so a resumed step gets only what remains).</summary>
    private async ValueTask<TimeSpan> WithinAsync(Recovery recovery, TimeSpan limit, string what, Func<CancellationToken, Task<TimeSpan>> step, CancellationToken cancellationToken)
    {
        var remaining = Remaining(recovery, limit);
        if (remaining <= TimeSpan.Zero)
        {
            return await FireAsync(recovery, r => r.TimedOutAsync($"{what} did not finish within {TimeFormat.Duration(limit)}"), cancellationToken);
        }

        using var deadline = new CancellationTokenSource(remaining, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await step(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return await FireAsync(recovery, r => r.TimedOutAsync($"{what} did not finish within {TimeFormat.Duration(limit)}"), cancellationToken);
        }
    }

    private TimeSpan Remaining(Recovery recovery, TimeSpan limit) => limit - (clock.GetUtcNow() - recovery.StateEnteredAt);

    private async ValueTask DeleteDueAsync(string id, DatabaseBinding database, CancellationToken cancellationToken)
    {
        var recovery = await repository.FindAsync(id, cancellationToken);
        var due = recovery?.Snapshot.Deletions.Where(d => d.DoneAt is null && d.DueAt <= clock.GetUtcNow()).ToList() ?? [];
        foreach (var deletion in due)
        {
            Action<Recovery> outcome;
            try
            {
                await database.Restorer.DeleteAsync(deletion.Identifier, cancellationToken);
                outcome = r => r.DeletionDone(deletion.Identifier);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var retryAt = clock.GetUtcNow() + DeletionRetry;
                outcome = r => r.DeletionFailed(deletion.Identifier, e.Message, retryAt);
            }

            var entries = new List<AuditEntry>();
            var saved = await repository.UpdateAsync(id, r =>
            {
                outcome(r);
                entries.Clear();
                entries.AddRange(r.PendingAudit);
            }, cancellationToken);
            if (saved is not null)
            {
                await announcer.AnnounceAsync(saved, entries, cancellationToken);
            }
        }
    }

    private async Task<TimeSpan> FireAsync(Recovery recovery, Func<Recovery, Task> fire, CancellationToken cancellationToken)
    {
        await fire(recovery);
        await SaveAsync(recovery, cancellationToken);
        return Now;
    }

    private async ValueTask<TimeSpan> FailAsync(Recovery recovery, string reason, CancellationToken cancellationToken) =>
        IsWorking(recovery.State) ? await FireAsync(recovery, r => r.StepFailedAsync(reason), cancellationToken) : Timeout.InfiniteTimeSpan;

    /// <summary>Saves and announces; a conflict means a person acted meanwhile, and the next step starts from what they did.</summary>
    private async Task SaveAsync(Recovery recovery, CancellationToken cancellationToken)
    {
        var entries = recovery.PendingAudit.ToList();
        try
        {
            await repository.SaveAsync(recovery, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return;
        }

        await announcer.AnnounceAsync(recovery, entries, cancellationToken);
    }

    private static bool IsWorking(RecoveryState state) => state is RecoveryState.Restoring or RecoveryState.Validating
        or RecoveryState.CuttingOver or RecoveryState.Restarting or RecoveryState.Verifying or RecoveryState.RollingBack;
}
