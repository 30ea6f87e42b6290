using Microsoft.Extensions.Options;

namespace Pitr.Adapters.Slack;

/// <summary>Checks at start-up what data annotations cannot: token shapes, a way in, and someone allowed to act.</summary>
internal sealed class SlackOptionsValidation : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        if (options.BotToken is not { } bot || !bot.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add($"{SlackOptions.Section}:BotToken must be the app's bot token (xoxb-…), from OAuth & Permissions.");
        }

        if (options.AppToken is { Length: > 0 } app && !app.StartsWith("xapp-", StringComparison.Ordinal))
        {
            errors.Add($"{SlackOptions.Section}:AppToken must be an app-level token (xapp-…) with the connections:write scope.");
        }

        if (string.IsNullOrWhiteSpace(options.SigningSecret) && !options.SocketMode)
        {
            errors.Add($"Set {SlackOptions.Section}:SigningSecret (HTTP mode) or {SlackOptions.Section}:AppToken (Socket Mode): without either Slack cannot reach the bot.");
        }

        if (options.AllowedUsers.Count == 0 && options.AllowedUserGroups.Count == 0)
        {
            errors.Add($"Nobody may run recoveries: list Slack user ids in {SlackOptions.Section}:AllowedUsers or user group ids in {SlackOptions.Section}:AllowedUserGroups.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
