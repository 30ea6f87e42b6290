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
    public async Task<string?> RefusalAsync(SlackPerson person, CancellationToken cancellationToken)
    {
        var slack = options.Value;
        if (slack.AllowedChannels.Count > 0 && (person.Channel is null || !slack.AllowedChannels.Contains(person.Channel)))
        {
            return "Recoveries are run from the incident channels only, and this is not one of them. Use one of: " +
                   string.Join(", ", slack.AllowedChannels.Select(c => $"<#{c}>")) + ".";
        }

        if (slack.AllowedUsers.Contains(person.UserId))
        {
            return null;
        }

        foreach (var group in slack.AllowedUserGroups)
        {
            if ((await MembersAsync(group, cancellationToken)).Contains(person.UserId))
            {
                return null;
            }
        }

        return $"<@{person.UserId}> is not allowed to run or approve recoveries. Ask an admin to add you to Pitr:Slack:AllowedUsers or to one of the allowed user groups. Nothing was changed.";
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
