using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pitr.Bot.Observability;

/// <summary>Says which dependency is not ready and why, so a failing probe can be read without the logs.</summary>
internal static class ReadinessWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }));
    }
}
