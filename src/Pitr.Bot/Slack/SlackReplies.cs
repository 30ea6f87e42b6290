using System.Text.Json.Nodes;
using Mediator;
using Pitr.Adapters.Slack.Api;
using Pitr.Domain.Recoveries.Audit;

namespace Pitr.Bot.Slack;

/// <summary>Answers to one person (ephemeral), modals, and the gate every request passes: allowed, or refused and told why.</summary>
internal sealed partial class SlackReplies(SlackApiClient api, SlackAuthorizer authorizer, TurnedAway turnedAway, ISender sender, ILogger<SlackReplies> logger)
{
    /// <summary>
    /// Lets the request through when the person may act here; otherwise tells them why. The refusal of an allowed
    /// person (in the wrong channel) on a recovery is audited there; anyone else's is only counted, so that nobody
    /// outside the allowed can grow the append-only audit trail.
    /// </summary>
    public async Task<bool> AdmitAsync(SlackPerson person, string action, string? recoveryId, CancellationToken cancellationToken)
    {
        if (await authorizer.RefusalAsync(person, cancellationToken) is not { } refusal)
        {
            return true;
        }

        if (refusal.AllowedPerson && recoveryId is not null)
        {
            await sender.Send(new RecordRefusal(recoveryId, person.Actor, action, refusal.Text), cancellationToken);
        }
        else
        {
            turnedAway.Record(person, action);
        }

        await EphemeralAsync(person, refusal.Text, cancellationToken);
        return false;
    }

    public async Task EphemeralAsync(SlackPerson person, string text, CancellationToken cancellationToken)
    {
        if (person.Channel is null)
        {
            LogNoChannel(person.UserId);
            return;
        }

        try
        {
            await api.CallAsync("chat.postEphemeral", new JsonObject { ["channel"] = person.Channel, ["user"] = person.UserId, ["text"] = text }, cancellationToken);
        }
        catch (SlackApiException e)
        {
            LogReplyFailed(e.Method, e.Error);
        }
    }

    public async Task OpenModalAsync(string triggerId, JsonObject view, SlackPerson person, CancellationToken cancellationToken)
    {
        try
        {
            await api.CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, cancellationToken);
        }
        catch (SlackApiException e)
        {
            LogReplyFailed(e.Method, e.Error);
            await EphemeralAsync(person, $"The form could not be opened ({e.Error}). Click again, or type the `/pitr` command instead.", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}")]
    private partial void LogReplyFailed(string method, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No channel to answer user {UserId} in")]
    private partial void LogNoChannel(string userId);
}
