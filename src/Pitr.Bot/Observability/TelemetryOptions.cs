namespace Pitr.Bot.Observability;

public sealed class TelemetryOptions
{
    public const string Section = "Pitr:Telemetry";

    /// <summary><c>json</c> (one redacted JSON object per line, the default for <c>serve</c>) or <c>text</c>.</summary>
    public string LogFormat { get; set; } = "json";

    /// <summary>Where to send traces over OTLP (e.g. <c>http://otel-collector:4317</c>); none are exported when unset.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
