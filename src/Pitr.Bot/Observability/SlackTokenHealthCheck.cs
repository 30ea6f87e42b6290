using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pitr.Adapters.Slack.Api;

namespace Pitr.Bot.Observability;

/// <summary>Ready only when Slack accepts the bot token (<c>auth.test</c>): a bot that cannot post would recover in silence.</summary>
internal sealed class SlackTokenHealthCheck(SlackApiClient slack) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var identity = await slack.CallAsync("auth.test", [], cancellationToken);
            return HealthCheckResult.Healthy($"Slack token valid for {(string?)identity["user"] ?? "the bot"} in {(string?)identity["team"] ?? "the workspace"}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Slack refused the bot token or cannot be reached: {Redactor.Redact(e.Message)}");
        }
    }
}
