namespace Pitr.Adapters.Presentation;

/// <summary>All the wording of one channel: the thread, refusals and answers, reports.</summary>
public sealed class Presenter(TextStyle style)
{
    public static readonly Presenter Slack = new(TextStyle.Slack);
    public static readonly Presenter Console = new(TextStyle.Plain);

    public TextStyle Style { get; } = style;

    public RecoveryNarrative Narrative { get; } = new(style);

    public AnswerWording Answers { get; } = new(style);

    public ReportWording Reports { get; } = new(style);

    public DrillTrendWording Drills { get; } = new(style);

    public FleetWording Fleet { get; } = new(style, new AnswerWording(style));
}
