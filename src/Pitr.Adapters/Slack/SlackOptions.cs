using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Slack;

/// <summary>The Slack app: tokens, who may act, and how politely the bot talks to the Web API (<c>Pitr:Slack</c>).</summary>
public sealed class SlackOptions
{
    public const string Section = "Pitr:Slack";

    /// <summary>Verifies that HTTP requests come from Slack. Without it every HTTP request is refused.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>) for the Web API; Slack is enabled when it is set.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (<c>xapp-…</c>); when set, the bot also connects in Socket Mode.</summary>
    public string? AppToken { get; set; }

    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Slack user ids (<c>U…</c>) allowed to run and approve recoveries.</summary>
    public IList<string> AllowedUsers { get; } = [];

    /// <summary>Slack user group ids (<c>S…</c>) whose members are allowed.</summary>
    public IList<string> AllowedUserGroups { get; } = [];

    /// <summary>Channel ids (<c>C…</c>) commands are accepted from; empty accepts every channel the app is in.</summary>
    public IList<string> AllowedChannels { get; } = [];

    /// <summary>The user group (<c>S…</c>) asked to approve cutovers; without it, the allowed user groups and users are asked.</summary>
    public string? ApproverGroup { get; set; }

    /// <summary>Where recoveries started outside Slack (the CLI) are announced.</summary>
    public string? DefaultChannel { get; set; }

    /// <summary>At most one edit of a header message per interval; later states wait and the newest wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan HeaderEditInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most one chat.postMessage per channel per interval (Slack allows about one a second).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of a call that failed transiently (network, 5xx) or was rate limited.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>The longest Retry-After the client waits; a longer one fails the call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the members of an allowed user group are cached.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan UserGroupCacheTime { get; set; } = TimeSpan.FromMinutes(5);

    public bool SocketMode => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>Who the approval request mentions.</summary>
    public Presentation.Approvers Approvers() => ApproverGroup is { Length: > 0 } group
        ? new([group], [])
        : new([.. AllowedUserGroups], [.. AllowedUsers]);
}
