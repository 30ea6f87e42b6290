namespace Pitr.Bot.Alerts;

/// <summary><c>Pitr:Alerts</c>: who may post alerts to the bot, which ones propose a recovery, and where.</summary>
public sealed class AlertIntakeOptions
{
    public const string Section = "Pitr:Alerts";

    /// <summary>The token Alertmanager sends as <c>Authorization: Bearer …</c>. Without one, every post is refused.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The incident channel proposals are posted to.</summary>
    public string? Channel { get; set; }

    /// <summary>Alert names that propose a recovery, e.g. DataCorruptionSuspected.</summary>
    public List<string> AlertNames { get; set; } = [];

    /// <summary>The alert label that names the database; alerts without it mean the default database.</summary>
    public string DatabaseLabel { get; set; } = "database";

    /// <summary>Without a history-based suggestion, the target is the alert's start minus this margin.</summary>
    public TimeSpan SuggestionMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The largest notification accepted; Alertmanager's are a few kilobytes.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
