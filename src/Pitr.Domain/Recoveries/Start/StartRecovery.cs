using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Start;

/// <summary><c>/pitr start &lt;time&gt; [db]</c> or <c>/pitr drill [db]</c>: checks the target and shows the plan; nothing is restored until Confirm.</summary>
/// <param name="Target">The time as typed; a drill without one lands just before the latest restorable time.</param>
public sealed record StartRecovery(
    string? Database,
    string? Target,
    Actor By,
    string Channel,
    RecoveryMode Mode = RecoveryMode.Recovery,
    DateTimeOffset? IncidentAt = null,
    bool AutoApprove = false) : ICommand<CommandResult>;

public sealed class StartRecoveryHandler(
    IDatabaseCatalog catalog,
    IRecoveryStore store,
    RecoveryRepository repository,
    RecoveryAnnouncer announcer,
    RecoveryRules rules,
    TimeProvider clock) : ICommandHandler<StartRecovery, CommandResult>
{
    public async ValueTask<CommandResult> Handle(StartRecovery command, CancellationToken cancellationToken)
    {
        var database = command.Database ?? catalog.DefaultDatabase;
        if (catalog.Find(database) is not { } binding)
        {
            return CommandResult.Refused($"There is no database `{database}`. Configured: {string.Join(", ", catalog.Names.Select(n => $"`{n}`"))}.");
        }

        if (await store.FindActiveAsync(database, cancellationToken) is { } active)
        {
            return CommandResult.Refused($"Recovery `{active.Id}` of `{database}` is already {active.State} (started by {active.Initiator}). Follow it in its thread, or `/pitr abort {active.Id}` first.", active);
        }

        var now = clock.GetUtcNow();
        var (target, window, error) = command.Mode == RecoveryMode.Drill && command.Target is null
            ? await DrillTargetAsync(binding, cancellationToken)
            : await TargetRules.CheckAsync(command.Target, database, binding.Restorer, now, cancellationToken);
        if (error is not null || window is null)
        {
            return CommandResult.Refused(error ?? "The restorable window is unknown.");
        }

        var source = await binding.Restorer.DescribeSourceAsync(cancellationToken);
        var warning = await MovedAwayWarningAsync(database, source.Identifier, cancellationToken);
        var recovery = Recovery.Plan(
            new RecoveryPlan(RecoveryIds.New(), database, command.Mode, target, command.By, command.Channel, window, source.Identifier, command.IncidentAt, command.AutoApprove, warning),
            rules, clock);
        var entries = recovery.PendingAudit.ToList();
        try
        {
            await repository.AddAsync(recovery, cancellationToken);
        }
        catch (RecoveryAlreadyActiveException e)
        {
            return CommandResult.Refused($"Recovery `{e.ActiveRecoveryId}` of `{database}` was started a moment ago. Follow it in its thread.");
        }

        await announcer.AnnounceAsync(recovery, entries, cancellationToken);
        return CommandResult.Done($"Planned {command.Mode.ToString().ToLowerInvariant()} `{recovery.Id}` of `{database}` to {TimeFormat.Utc(target)}. Confirm to start.", recovery.Snapshot);
    }

    /// <summary>
    /// After a cutover the application runs on the restored database, but the engine still restores from
    /// the configured source. Restoring from the abandoned database would bring back stale data: say so.
    /// </summary>
    private async ValueTask<string?> MovedAwayWarningAsync(string database, string sourceIdentifier, CancellationToken cancellationToken)
    {
        var recent = await store.ListRecentAsync(database, 20, cancellationToken);
        var lastCutover = recent.FirstOrDefault(r => r.Mode == RecoveryMode.Recovery && r.State is RecoveryState.Completed or RecoveryState.Decommissioned);
        return lastCutover is null || lastCutover.CurrentAttempt.Identifier == sourceIdentifier
            ? null
            : $"Recovery `{lastCutover.Id}` cut `{database}` over to `{lastCutover.CurrentAttempt.Identifier}` on {TimeFormat.Utc(lastCutover.CompletedAt ?? lastCutover.RequestedAt)}, " +
              $"but this plan restores from the configured source `{sourceIdentifier}`. If production now runs on `{lastCutover.CurrentAttempt.Identifier}`, " +
              $"cancel, point `Pitr:Databases:{database}` at it, and start again.";
    }

    private static async ValueTask<(DateTimeOffset, RestorableWindow?, string?)> DrillTargetAsync(DatabaseBinding binding, CancellationToken cancellationToken)
    {
        var window = await binding.Restorer.GetRestorableWindowAsync(cancellationToken);
        var target = window.Latest - binding.Policy.DrillLag;
        return (target < window.Earliest ? window.Latest : target, window, null);
    }
}
