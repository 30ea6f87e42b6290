using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;

namespace Pitr.Bot.Observability;

internal static class ObservabilityExtensions
{
    /// <summary>The tag of the checks <c>/readyz</c> runs.</summary>
    public const string Ready = "ready";

    /// <summary>Redacted JSON logs, traces (exported over OTLP when configured) and the readiness checks.</summary>
    public static WebApplicationBuilder AddPitrObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.LogFormat.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.FormatterName = RedactingJsonFormatter.Name).AddConsoleFormatter<RedactingJsonFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        }

        var tracing = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pitr-bot"))
            .WithTracing(t => t.AddSource(PitrTelemetry.SourceName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (options.OtlpEndpoint is { } endpoint)
        {
            tracing.WithTracing(t => t.AddOtlpExporter(o => o.Endpoint = endpoint));
        }

        builder.Services.AddOutboundCallMetrics();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [Ready]);
        return builder;
    }

    /// <summary>Times every call made through an HttpClient from the factory, by client name.</summary>
    public static IServiceCollection AddOutboundCallMetrics(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, OutboundCallMetricsFilter>());
        return services;
    }

    /// <summary><c>/healthz</c> (the process is alive), <c>/readyz</c> (its dependencies answer), <c>/metrics</c> (Prometheus).</summary>
    public static WebApplication MapPitrProbes(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = ReadinessWriter.WriteAsync });
        // The exporter starts listening to .NET meters when first touched: touch it now, not at the first scrape, so no early transition is missed.
        _ = Metrics.DefaultRegistry;
        app.MapMetrics("/metrics");
        return app;
    }
}
