using Microsoft.Extensions.Http;

namespace Pitr.Bot.Observability;

/// <summary>Puts <see cref="OutboundCallMetrics"/> in front of every HttpClient the factory builds, named after the client.</summary>
internal sealed class OutboundCallMetricsFilter : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Insert(0, new OutboundCallMetrics(string.IsNullOrEmpty(builder.Name) ? "default" : builder.Name));
    };
}
