using System.Text.RegularExpressions;

namespace Pitr.Bot.Observability;

/// <summary>
/// Last line of defence for logs: the code never logs secrets on purpose, but exception messages
/// and third-party text can carry them. Masks passwords in connection strings and URIs, Slack
/// tokens, AWS secret keys and bearer tokens.
/// </summary>
internal static partial class Redactor
{
    public const string Mask = "***";

    public static string Redact(string text) =>
        text.Length == 0 ? text : BearerToken().Replace(SlackToken().Replace(UriPassword().Replace(KeyValueSecret().Replace(text, KeepKey), "$1" + Mask + "@"), Mask), "$1" + Mask);

    private static string KeepKey(Match match) => match.Groups[1].Value + Mask;

    [GeneratedRegex(@"((?:password|pwd|secret|token|signing_?secret|aws_secret_access_key|secretaccesskey)""?\s*[=:]\s*""?)[^;""\s,&]+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValueSecret();

    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"(\bBearer\s+)[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();
}
