using System.Globalization;
using System.Text.Json.Nodes;
using Pitr.Adapters.Slack.Api;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Slack;

/// <summary>Looking back in the channel for posts a crash may have left unrecorded, and the final header edit.</summary>
internal sealed partial class SlackIncidentChannel
{
    /// <summary>How far before the recorded start of a header post its message is looked for: clocks of Slack and of the replicas differ.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    /// <summary>A recovery started outside Slack (CLI) has a thread here only when a default channel is set.</summary>
    public bool Hosts(RecoverySnapshot recovery) => HeaderChannel(recovery) is not null;

    public async ValueTask<bool> SettleHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken)
    {
        try
        {
            await api.CallAsync("chat.update", new JsonObject
            {
                ["channel"] = header.Channel,
                ["ts"] = header.Ts,
                ["text"] = SlackBlocks.HeaderText(view),
                ["blocks"] = SlackBlocks.Header(view),
            }, cancellationToken);
            return true;
        }
        catch (SlackApiException e)
        {
            LogDeliveryFailed(e.Method, header.Channel, e.Error);
            return false;
        }
    }

    public async ValueTask<PostLookup> FindHeaderAsync(RecoveryView view, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (HeaderChannel(view.Recovery) is not { } channel)
        {
            return PostLookup.Absent;
        }

        var oldest = (since - ClockSlack).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return await FindAsync("conversations.history", channel, new() { ["channel"] = channel, ["oldest"] = oldest }, PostMarks.Header(view.Recovery.Id), cancellationToken);
    }

    public async ValueTask<PostLookup> FindInThreadAsync(MessageRef header, AuditEntry entry, CancellationToken cancellationToken) =>
        await FindAsync("conversations.replies", header.Channel, new() { ["channel"] = header.Channel, ["ts"] = header.Ts }, PostMarks.Step(entry), cancellationToken);

    private string? HeaderChannel(RecoverySnapshot recovery) =>
        recovery.Channel is { Length: > 0 } own && own != "console" ? own : options.DefaultChannel;

    /// <summary>Pages through <paramref name="method"/> for the message carrying <paramref name="mark"/>.</summary>
    private async Task<PostLookup> FindAsync(string method, string channel, Dictionary<string, string> arguments, JsonObject mark, CancellationToken cancellationToken)
    {
        arguments["include_all_metadata"] = "true";
        arguments["limit"] = "200";
        try
        {
            while (true)
            {
                var page = await api.CallFormAsync(method, arguments, cancellationToken);
                if (page["messages"]?.AsArray().FirstOrDefault(m => PostMarks.Carries(m, mark)) is { } found)
                {
                    return PostLookup.At(new MessageRef(channel, found["ts"]!.GetValue<string>()));
                }

                if (page["response_metadata"]?["next_cursor"]?.ToString() is not { Length: > 0 } cursor)
                {
                    return PostLookup.Absent;
                }

                arguments["cursor"] = cursor;
            }
        }
        catch (SlackApiException e)
        {
            LogDeliveryFailed(e.Method, channel, e.Error);
            return PostLookup.Unknown;
        }
    }
}
