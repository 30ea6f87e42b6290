namespace Pitr.Domain.Recoveries;

/// <summary>Who did something: a Slack user, a CLI user, or the bot itself.</summary>
/// <param name="Id">Stable id (Slack user id, OS user name).</param>
/// <param name="Name">What people call them.</param>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor Bot = new("pitr-bot", "pitr-bot");

    /// <summary>Who starts the drills a schedule calls for (<c>Pitr:Databases:NAME:Drills:Schedule</c>).</summary>
    public static readonly Actor Scheduler = new("pitr-scheduler", "drill-scheduler");

    public override string ToString() => $"@{Name}";
}
