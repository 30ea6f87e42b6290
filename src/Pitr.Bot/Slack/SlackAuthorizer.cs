using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Api;

namespace Pitr.Bot.Slack;

/// <summary>
/// Who may act, and where: listed users or members of listed user groups, in listed channels (any channel
/// when none is listed). Four-eyes is not decided here: the recovery itself refuses a self-approval.
/// </summary>
internal sealed partial class SlackAuthorizer(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackAuthorizer> logger)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, HashSet<string> Members)> groups = new(StringComparer.Ordinal);

    /// <returns>Why the person may not act here, or null when they may.</returns>
    public async Task<SlackRefusal?> RefusalAsync(SlackPerson person, CancellationToken cancellationToken)
    {
        var slack = options.Value;
        var allowed = await IsAllowedAsync(person.UserId, cancellationToken);
        if (slack.AllowedChannels.Count > 0 && (person.Channel is null || !slack.AllowedChannels.Contains(person.Channel)))
        {
            return new SlackRefusal(
                "Recoveries are run from the incident channels only, and this is not one of them. Use one of: " +
                string.Join(", ", slack.AllowedChannels.Select(c => $"<#{c}>")) + ".",
                allowed);
        }

        return allowed
            ? null
            : new SlackRefusal(
                $"<@{person.UserId}> is not allowed to run or approve recoveries. Ask an admin to add you to Pitr:Slack:AllowedUsers or to one of the allowed user groups. Nothing was changed.",
                AllowedPerson: false);
    }

    private async Task<bool> IsAllowedAsync(string userId, CancellationToken cancellationToken)
    {
        if (options.Value.AllowedUsers.Contains(userId))
        {
            return true;
        }

        foreach (var group in options.Value.AllowedUserGroups)
        {
            if ((await MembersAsync(group, cancellationToken)).Contains(userId))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<HashSet<string>> MembersAsync(string group, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (groups.TryGetValue(group, out var cached) && now - cached.At < options.Value.UserGroupCacheTime)
        {
            return cached.Members;
        }

        try
        {
            var answer = await api.CallFormAsync("usergroups.users.list", new Dictionary<string, string> { ["usergroup"] = group }, cancellationToken);
            var members = answer["users"]?.AsArray().Select(u => u?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
            groups[group] = (now, members);
            return members;
        }
        catch (SlackApiException e)
        {
            LogGroupUnavailable(group, e.Error);
            return cached.Members ?? [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Members of user group {Group} could not be read ({Error}); using the last known members")]
    private partial void LogGroupUnavailable(string group, string error);
}

/// <summary>Why a request was turned away at the door, and whether it came from a person allowed to act (elsewhere).</summary>
internal sealed record SlackRefusal(string Text, bool AllowedPerson);
