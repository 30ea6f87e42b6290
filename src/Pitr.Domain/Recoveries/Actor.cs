namespace Pitr.Domain.Recoveries;

/// <summary>Who did something: a Slack user, a CLI user, or the bot itself.</summary>
/// <param name="Id">Stable id (Slack user id, OS user name).</param>
/// <param name="Name">What people call them.</param>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor Bot = new("pitr-bot", "pitr-bot");

    public override string ToString() => $"@{Name}";
}
