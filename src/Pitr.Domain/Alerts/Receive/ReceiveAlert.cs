using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Lineage;

namespace Pitr.Domain.Alerts.Receive;

/// <summary>An alert notification arrived: propose a recovery in the incident channel, or mark the proposal resolved.</summary>
public sealed record ReceiveAlert(AlertGroup Group) : ICommand<AlertIntakeResult>;

public sealed record AlertIntakeResult(AlertIntakeOutcome Outcome, string Detail);

public enum AlertIntakeOutcome
{
    /// <summary>A proposal was posted for the group.</summary>
    Posted,

    /// <summary>The group already has its proposal; nothing was posted.</summary>
    Duplicate,

    /// <summary>The group's proposal was marked resolved.</summary>
    Resolved,

    /// <summary>Nothing to do: no configured alert, an unknown database, or nothing open to resolve.</summary>
    Ignored,

    /// <summary>The channel did not take the message; the next notification tries again.</summary>
    NotPosted,
}

/// <summary>
/// One message per alert group: the group is claimed in the alert log before anything is posted,
/// so repeated notifications (and a restarted bot) find it taken. Nothing starts from here: the
/// message only offers a person a pre-filled "Start recovery…".
/// </summary>
public sealed class ReceiveAlertHandler(
    IDatabaseCatalog catalog,
    IIncidentChannel channel,
    IAlertLog log,
    IRecoveryStore store,
    AlertRules rules,
    TimeProvider clock) : ICommandHandler<ReceiveAlert, AlertIntakeResult>
{
    public async ValueTask<AlertIntakeResult> Handle(ReceiveAlert command, CancellationToken cancellationToken)
    {
        var group = command.Group;
        var configured = group.Alerts.Where(a => rules.AlertNames.Contains(a.Name)).ToList();
        if (configured.Count == 0)
        {
            return new(AlertIntakeOutcome.Ignored, $"no alert in group {group.GroupKey} is one of: {string.Join(", ", rules.AlertNames)}");
        }

        var firing = configured.Where(a => a.Status == AlertStatus.Firing).ToList();
        return group.Status == AlertStatus.Firing && firing.Count > 0
            ? await ProposeAsync(group, firing, cancellationToken)
            : await ResolveAsync(group, configured, cancellationToken);
    }

    private async ValueTask<AlertIntakeResult> ProposeAsync(AlertGroup group, List<ReceivedAlert> firing, CancellationToken cancellationToken)
    {
        var database = DatabaseOf(group, firing);
        if (catalog.Find(database) is not { } configured)
        {
            return new(AlertIntakeOutcome.Ignored,
                $"alert names database '{database}', which is not configured (configured: {string.Join(", ", catalog.Names)})");
        }

        if (!await log.TryClaimAsync(group.GroupKey, clock.GetUtcNow(), cancellationToken))
        {
            return new(AlertIntakeOutcome.Duplicate, $"group {group.GroupKey} is already posted");
        }

        // Window and history are production's: after a cutover, the restore's.
        var (binding, _) = await ProductionLineage.BindAsync(store, configured, cancellationToken);

        MessageRef? message;
        AlertCard card;
        try
        {
            card = await CardAsync(group, firing, binding, cancellationToken);
            message = await channel.PostAlertAsync(rules.Channel, card, cancellationToken);
        }
        catch
        {
            await log.ReleaseAsync(group.GroupKey, CancellationToken.None);
            throw;
        }

        if (message is null)
        {
            await log.ReleaseAsync(group.GroupKey, cancellationToken);
            return new(AlertIntakeOutcome.NotPosted, $"the incident channel did not take the alert for {database}");
        }

        await log.RecordPostedAsync(group.GroupKey, card, message, cancellationToken);
        return new(AlertIntakeOutcome.Posted,
            $"{card.AlertName} on {database}: suggested {TimeFormat.Utc(card.SuggestedTarget)} ({card.SuggestionSource})");
    }

    private async ValueTask<AlertIntakeResult> ResolveAsync(AlertGroup group, List<ReceivedAlert> configured, CancellationToken cancellationToken)
    {
        var resolvedAt = configured.Max(a => a.EndsAt) ?? clock.GetUtcNow();
        if (await log.TryResolveAsync(group.GroupKey, resolvedAt, cancellationToken) is not { } posted)
        {
            return new(AlertIntakeOutcome.Ignored, $"group {group.GroupKey} has no open proposal");
        }

        await channel.ResolveAlertAsync(posted.Message, posted.Card, resolvedAt, cancellationToken);
        return new(AlertIntakeOutcome.Resolved, $"{posted.Card.AlertName} on {posted.Card.Database} resolved at {TimeFormat.Utc(resolvedAt)}");
    }

    private string DatabaseOf(AlertGroup group, List<ReceivedAlert> firing) =>
        group.CommonLabels.GetValueOrDefault(rules.DatabaseLabel)
        ?? firing.Select(a => a.Labels.GetValueOrDefault(rules.DatabaseLabel)).FirstOrDefault(d => d is not null)
        ?? catalog.DefaultDatabase;

    private async ValueTask<AlertCard> CardAsync(AlertGroup group, List<ReceivedAlert> firing, DatabaseBinding binding, CancellationToken cancellationToken)
    {
        var first = firing.MinBy(a => a.StartsAt)!;
        var window = await WindowOrNullAsync(binding.Restorer, cancellationToken);
        var (target, source) = await SuggestedTarget.ForAsync(first.StartsAt, binding.Advisor, rules, cancellationToken);
        return new AlertCard(
            group.GroupKey,
            first.Name,
            binding.Name,
            first.Annotations.GetValueOrDefault("summary") ?? first.Annotations.GetValueOrDefault("description") ?? first.Name,
            first.StartsAt,
            window,
            target,
            source);
    }

    /// <summary>The card still goes out when the engine cannot say its window now; the modal checks the time again.</summary>
    private static async ValueTask<RestorableWindow?> WindowOrNullAsync(IDatabaseRestorer restorer, CancellationToken cancellationToken)
    {
        try
        {
            return await restorer.GetRestorableWindowAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
