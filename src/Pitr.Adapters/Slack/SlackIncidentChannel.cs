using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Slack.Api;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Adapters.Presentation;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Slack;

/// <summary>
/// The incident channel in Slack: one header message per recovery (edited in place, at most once per
/// <see cref="SlackOptions.HeaderEditInterval"/>), every step as a reply in its thread. Failures are
/// logged and answered as not delivered, so the announcer tries again; they never stop a recovery.
/// </summary>
internal sealed partial class SlackIncidentChannel : IIncidentChannel
{
    private readonly RecoveryNarrative narrative;
    private readonly ReportCharts charts;
    private readonly SlackApiClient api;
    private readonly SlackOptions options;
    private readonly ILogger<SlackIncidentChannel> logger;
    private readonly HeaderEdits edits;

    public SlackIncidentChannel(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackIncidentChannel> logger, ReportCharts charts)
    {
        this.charts = charts;
        narrative = new RecoveryNarrative(TextStyle.Slack, options.Value.Approvers());
        this.api = api;
        this.options = options.Value;
        this.logger = logger;
        edits = new HeaderEdits(clock, this.options.HeaderEditInterval, SendHeaderAsync);
    }

    public string Name => "slack";

    public async ValueTask<MessageRef?> PostHeaderAsync(RecoveryView view, CancellationToken cancellationToken)
    {
        var recovery = view.Recovery;
        if (HeaderChannel(recovery) is not { } channel)
        {
            LogNoChannel(recovery.Id);
            return null;
        }

        var posted = await PostAsync(channel, null, SlackBlocks.HeaderText(view), SlackBlocks.Header(view), cancellationToken, PostMarks.Header(recovery.Id));
        if (posted is not null)
        {
            edits.Posted(posted, view);
        }

        return posted;
    }

    public ValueTask UpdateHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken) =>
        new(edits.EditAsync(header, view));

    public async ValueTask<ThreadPost> PostInThreadAsync(MessageRef header, RecoveryView view, AuditEntry entry, IReadOnlyList<RecoveryAction> actions, CancellationToken cancellationToken)
    {
        if (narrative.Tell(entry, view, actions) is not { } message)
        {
            return ThreadPost.NothingToSay;
        }

        if (await PostAsync(header.Channel, header.Ts, SlackBlocks.ThreadText(message), SlackBlocks.Thread(message), cancellationToken, PostMarks.Step(entry)) is not { } posted)
        {
            return ThreadPost.NotDelivered;
        }

        if (ReportCharts.Follows(entry))
        {
            await charts.AttachAsync(header, view, cancellationToken);
        }

        return ThreadPost.Posted(posted);
    }

    public async ValueTask CloseActionsAsync(MessageRef message, RecoveryView view, AuditEntry offeredWith, AuditEntry closedBy, CancellationToken cancellationToken)
    {
        if (narrative.Tell(offeredWith, view, []) is { } original)
        {
            await UpdateAsync(message, SlackBlocks.ThreadText(original), SlackBlocks.Thread(original, narrative.Closed(closedBy)), cancellationToken);
        }
    }

    public async ValueTask PostProgressAsync(MessageRef header, string recoveryId, IReadOnlyDictionary<string, string> workloads, CancellationToken cancellationToken)
    {
        var message = new ThreadMessage(recoveryId, "Rollout progress: " + string.Join(", ", workloads.Select(w => $"`{w.Key}` {w.Value}")));
        await PostAsync(header.Channel, header.Ts, SlackBlocks.ThreadText(message), SlackBlocks.Thread(message), cancellationToken);
    }

    public ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken) =>
        PostAsync(channel, null, SlackBlocks.AlertText(card), SlackBlocks.Alert(card), cancellationToken);

    public async ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken) =>
        await UpdateAsync(message, SlackBlocks.AlertText(card), SlackBlocks.Alert(card, resolvedAt), cancellationToken);

    private Task SendHeaderAsync(MessageRef header, RecoveryView view) =>
        UpdateAsync(header, SlackBlocks.HeaderText(view), SlackBlocks.Header(view), CancellationToken.None);
    private async ValueTask<MessageRef?> PostAsync(string channel, string? threadTs, string text, JsonArray blocks, CancellationToken cancellationToken, JsonObject? metadata = null)
    {
        var arguments = new JsonObject { ["channel"] = channel, ["text"] = text, ["blocks"] = blocks, ["unfurl_links"] = false };
        if (metadata is not null)
        {
            arguments["metadata"] = metadata;
        }

        if (threadTs is not null)
        {
            arguments["thread_ts"] = threadTs;
        }

        try
        {
            var answer = metadata is null
                ? await api.CallAsync("chat.postMessage", arguments, cancellationToken)
                : await api.PostFindableAsync(arguments, cancellationToken);
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
