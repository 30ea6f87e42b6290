using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Slack.Api;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Slack;

/// <summary>
/// The incident channel in Slack: one header message per recovery (edited in place, at most once per
/// <see cref="SlackOptions.HeaderEditInterval"/>), every step as a reply in its thread. Best effort:
/// failures are logged and swallowed, because a chat outage must not stop a recovery.
/// </summary>
internal sealed partial class SlackIncidentChannel : IIncidentChannel
{
    private readonly SlackApiClient api;
    private readonly IRecoveryStore store;
    private readonly SlackOptions options;
    private readonly ILogger<SlackIncidentChannel> logger;
    private readonly HeaderEdits edits;

    public SlackIncidentChannel(SlackApiClient api, IRecoveryStore store, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackIncidentChannel> logger)
    {
        this.api = api;
        this.store = store;
        this.options = options.Value;
        this.logger = logger;
        edits = new HeaderEdits(clock, this.options.HeaderEditInterval, SendHeaderAsync);
    }

    public async ValueTask<MessageRef?> PostHeaderAsync(RecoveryHeader header, CancellationToken cancellationToken)
    {
        var channel = await ChannelOfAsync(header.RecoveryId, cancellationToken);
        if (channel is null)
        {
            LogNoChannel(header.RecoveryId);
            return null;
        }

        var posted = await PostAsync(channel, null, SlackBlocks.HeaderText(header), SlackBlocks.Header(header), cancellationToken);
        if (posted is not null)
        {
            edits.Posted(posted);
        }

        return posted;
    }

    public ValueTask UpdateHeaderAsync(MessageRef header, RecoveryHeader content, CancellationToken cancellationToken) =>
        new(edits.EditAsync(header, content));

    public ValueTask<MessageRef?> PostInThreadAsync(MessageRef header, ThreadMessage message, CancellationToken cancellationToken) =>
        PostAsync(header.Channel, header.Ts, SlackBlocks.ThreadText(message), SlackBlocks.Thread(message), cancellationToken);

    public async ValueTask CloseActionsAsync(MessageRef message, ThreadMessage original, string outcome, CancellationToken cancellationToken) =>
        await UpdateAsync(message, SlackBlocks.ThreadText(original), SlackBlocks.Thread(original, outcome), cancellationToken);

    public ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken) =>
        PostAsync(channel, null, SlackBlocks.AlertText(card), SlackBlocks.Alert(card), cancellationToken);

    public async ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken) =>
        await UpdateAsync(message, SlackBlocks.AlertText(card), SlackBlocks.Alert(card, resolvedAt), cancellationToken);

    private async ValueTask<string?> ChannelOfAsync(string recoveryId, CancellationToken cancellationToken)
    {
        var recovery = await store.FindAsync(recoveryId, cancellationToken);
        return recovery?.Channel is { Length: > 0 } channel && channel != "console" ? channel : options.DefaultChannel;
    }

    private Task SendHeaderAsync(MessageRef header, RecoveryHeader content) =>
        UpdateAsync(header, SlackBlocks.HeaderText(content), SlackBlocks.Header(content), CancellationToken.None);

    private async ValueTask<MessageRef?> PostAsync(string channel, string? threadTs, string text, JsonArray blocks, CancellationToken cancellationToken)
    {
        var arguments = new JsonObject { ["channel"] = channel, ["text"] = text, ["blocks"] = blocks, ["unfurl_links"] = false };
        if (threadTs is not null)
        {
            arguments["thread_ts"] = threadTs;
        }

        try
        {
            var answer = await api.CallAsync("chat.postMessage", arguments, cancellationToken);
            return answer["ts"]?.GetValue<string>() is { } ts ? new MessageRef(answer["channel"]?.GetValue<string>() ?? channel, ts) : null;
        }
        catch (SlackApiException e)
        {
            LogDeliveryFailed(e.Method, channel, e.Error);
            return null;
        }
    }

    private async Task UpdateAsync(MessageRef message, string text, JsonArray blocks, CancellationToken cancellationToken)
    {
        try
        {
            await api.CallAsync("chat.update", new JsonObject { ["channel"] = message.Channel, ["ts"] = message.Ts, ["text"] = text, ["blocks"] = blocks }, cancellationToken);
        }
        catch (SlackApiException e)
        {
            LogDeliveryFailed(e.Method, message.Channel, e.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} to {Channel} failed: {Error}; the recovery goes on without it")]
    private partial void LogDeliveryFailed(string method, string channel, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery {RecoveryId} has no Slack channel and Pitr:Slack:DefaultChannel is unset; not announced in Slack")]
    private partial void LogNoChannel(string recoveryId);
}
