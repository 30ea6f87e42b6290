using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Presentation;

/// <summary>How one channel marks up the shared wording: Slack mrkdwn and emoji, or plain text for a terminal.</summary>
public abstract class TextStyle
{
    public static readonly TextStyle Slack = new SlackStyle();
    public static readonly TextStyle Plain = new PlainStyle();

    /// <summary>An identifier, a command or a value people may copy.</summary>
    public abstract string Code(string text);

    public abstract string Bold(string text);

    public virtual string Person(Actor actor) => actor.ToString();

    /// <summary>The mark in front of a line that went well, went wrong, or needs attention.</summary>
    public abstract string Mark(Tone tone);

    /// <summary>A command as typed in this channel: <c>/pitr abort x</c> in Slack, <c>pitr abort x</c> in a terminal.</summary>
    public abstract string Command(string words);

    private sealed class SlackStyle : TextStyle
    {
        public override string Code(string text) => $"`{text}`";

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
