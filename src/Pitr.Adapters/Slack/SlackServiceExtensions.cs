using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Slack.Api;
using Pitr.Adapters.Slack.SocketMode;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Slack;

public static class SlackServiceExtensions
{
    /// <summary>Whether <c>Pitr:Slack</c> configures a bot token: only then does the bot talk to Slack.</summary>
    public static bool IsSlackConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:BotToken"]);

    /// <summary>
    /// The Web API client, the Slack incident channel (replacing any registered before) and, with an app
    /// token, the Socket Mode connection, which hands envelopes to the registered <see cref="ISlackEnvelopeHandler"/>.
    /// </summary>
    public static IServiceCollection AddSlackAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidation>();
        services.AddHttpClient(SlackApiClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<SlackFileUpload>();
        services.AddSingleton<ReportCharts>();
        services.AddSingleton<DrillTrendCharts>();
        services.AddSingleton<IIncidentChannel, SlackIncidentChannel>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:AppToken"]))
        {
            services.AddHostedService<SocketModeClient>();
        }

        return services;
    }
}
