using Pitr.Adapters.Slack.Blocks;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Presentation;

/// <summary>How one channel marks up the shared wording: Slack mrkdwn and emoji, or plain text for a terminal.</summary>
public abstract partial class TextStyle
{
    public static readonly TextStyle Slack = new SlackStyle();
    public static readonly TextStyle Plain = new PlainStyle();

    /// <summary>An identifier, a command or a value people may copy.</summary>
    public abstract string Code(string text);

    public abstract string Bold(string text);

    /// <summary>A person, linked (and pinged) where the channel can.</summary>
    public virtual string Person(Actor actor) => Said(actor.ToString());

    /// <summary>A user group, linked (and pinged) where the channel can.</summary>
    public virtual string Group(string groupId) => groupId;

    /// <summary>Text the bot did not write (a reason, an engine's message), escaped once for the channel.</summary>
    public virtual string Said(string text) => text;

    /// <summary>The mark in front of a line that went well, went wrong, or needs attention.</summary>
    public abstract string Mark(Tone tone);

    /// <summary>A command as typed in this channel: <c>/pitr abort x</c> in Slack, <c>pitr abort x</c> in a terminal.</summary>
    public abstract string Command(string words);

    private sealed partial class SlackStyle : TextStyle
    {
        [System.Text.RegularExpressions.GeneratedRegex("^[UW][A-Z0-9_]{2,}$")]
        private static partial System.Text.RegularExpressions.Regex SlackUserId();

        public override string Code(string text) => $"`{Mrkdwn.Escape(text)}`";

        public override string Person(Actor actor) =>
            SlackUserId().IsMatch(actor.Id) ? $"<@{actor.Id}>" : Said(actor.ToString());

        public override string Group(string groupId) => $"<!subteam^{groupId}>";

        public override string Said(string text) => Mrkdwn.Escape(text);

        public override string Bold(string text) => $"*{text}*";

        public override string Mark(Tone tone) => tone switch
        {
            Tone.Done => ":white_check_mark: ",
            Tone.Failed => ":x: ",
            Tone.Warning => ":warning: ",
            Tone.Refused => ":no_entry: ",
            _ => "",
        };

        public override string Command(string words) => $"`/pitr {words}`";
    }

    private sealed class PlainStyle : TextStyle
    {
        public override string Code(string text) => text;

        public override string Bold(string text) => text;

        public override string Mark(Tone tone) => tone switch
        {
            Tone.Done => "✓ ",
            Tone.Failed => "✗ ",
            Tone.Warning => "! ",
            Tone.Refused => "refused: ",
            _ => "",
        };

        public override string Command(string words) => $"pitr {words}";
    }
}

public enum Tone
{
    None,
    Done,
    Failed,
    Warning,
    Refused,
}
