using Microsoft.Extensions.Options;
using Pitr.Domain.Alerts;

namespace Pitr.Bot.Alerts;

internal static class AlertServiceExtensions
{
    /// <summary>The alert intake's settings from <c>Pitr:Alerts</c>, validated at start, and the rules the <c>ReceiveAlert</c> handler follows.</summary>
    public static IServiceCollection AddAlertIntake(this IServiceCollection services)
    {
        services.AddOptions<AlertIntakeOptions>().BindConfiguration(AlertIntakeOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.BearerToken) || !string.IsNullOrWhiteSpace(o.Channel),
                $"{AlertIntakeOptions.Section}:Channel must name the incident channel alerts are posted to.")
            .Validate(o => string.IsNullOrEmpty(o.BearerToken) || o.AlertNames.Count > 0,
                $"{AlertIntakeOptions.Section}:AlertNames must list the alerts that propose a recovery, e.g. DataCorruptionSuspected.")
            .Validate(o => o.SuggestionMargin >= TimeSpan.Zero && o.MaxBodyBytes > 0,
                $"{AlertIntakeOptions.Section}: SuggestionMargin must not be negative and MaxBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlertIntakeOptions>>().Value;
            return new AlertRules
            {
                AlertNames = options.AlertNames.ToHashSet(StringComparer.Ordinal),
                Channel = options.Channel ?? "",
                DatabaseLabel = options.DatabaseLabel,
                SuggestionMargin = options.SuggestionMargin,
            };
        });
        return services;
    }
}
