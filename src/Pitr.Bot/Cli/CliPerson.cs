using System.CommandLine;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

/// <summary>
/// Who acts from a terminal: the operating-system user, or <c>--as NAME</c> when <c>Pitr:Cli:AllowedUsers</c>
/// lists that name. Terminal people are audited as <c>cli:NAME</c>, so four-eyes holds between terminals
/// (a second person approves from their own) exactly as between Slack users.
/// </summary>
internal static class CliPerson
{
    public const string AllowedUsersKey = "Pitr:Cli:AllowedUsers";

    public static readonly Option<string?> As = new("--as")
    {
        Description = "Act as this person (must be listed in Pitr:Cli:AllowedUsers); default: the operating-system user.",
        Recursive = true,
    };

    /// <returns>The person, or why they may not act here.</returns>
    public static (Actor? Person, string? Refusal) Resolve(ParseResult parse, IConfiguration configuration)
    {
        var allowed = configuration.GetSection(AllowedUsersKey).Get<string[]>() ?? [];
        var name = parse.GetValue(As) ?? Environment.UserName;
        if (allowed.Length == 0)
        {
            return parse.GetValue(As) is null
                ? (new Actor($"cli:{name}", name), null)
                : (null, $"--as needs {AllowedUsersKey} to list the people who may act from a terminal.");
        }

        return allowed.Contains(name, StringComparer.Ordinal)
            ? (new Actor($"cli:{name}", name), null)
            : (null, $"{name} is not in {AllowedUsersKey} ({string.Join(", ", allowed)}); nothing was changed.");
    }
}
