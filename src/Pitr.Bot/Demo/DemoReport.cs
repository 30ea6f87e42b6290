using System.Text.Json.Nodes;

namespace Pitr.Bot.Demo;

/// <summary>What <c>pitr demo --json</c> prints: what was lost, what came back, how long each phase took, whom the service talks to before and after, and where the timeline chart was written.</summary>
internal sealed record DemoReport(
    string RecoveryId,
    string Outcome,
    DateTimeOffset Target,
    string Suggestion,
    long RowsBeforeCorruption,
    long RowsRecovered,
    bool CorruptionPresent,
    double? DataLossSeconds,
    IReadOnlyDictionary<string, double> Phases,
    double RtoSeconds,
    object? RestoredEndpoint,
    JsonObject? ServiceDatabaseBefore,
    JsonObject? ServiceDatabaseAfter,
    string Chart)
{
    /// <summary>The demo proves its point: every row back, the damage gone, the service moved to the restored database.</summary>
    public bool Succeeded =>
        Outcome == "Completed"
        && RowsRecovered == RowsBeforeCorruption
        && !CorruptionPresent
        && ServiceDatabaseAfter is not null
        && ServiceDatabaseAfter["port"]?.ToString() != ServiceDatabaseBefore?["port"]?.ToString();
}
