using System.Diagnostics;

namespace Pitr.Bot.Observability;

/// <summary>The bot's own trace source: one span per recovery step.</summary>
internal static class PitrTelemetry
{
    public const string SourceName = "Pitr";

    public static readonly ActivitySource Source = new(SourceName);
}
