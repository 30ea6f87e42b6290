using System.Globalization;
using System.Text.RegularExpressions;

namespace Pitr.Adapters.Aws.Logs;

/// <summary>
/// Reads RDS PostgreSQL log lines (prefix <c>%t:%r:%u@%d:[%p]:</c>) for statements that destroy data: DROP,
/// TRUNCATE, DELETE or UPDATE without WHERE, ALTER … DROP COLUMN. Needs <c>log_statement</c> = ddl / mod / all.
/// </summary>
internal static partial class RdsStatementLog
{
    /// <summary>The CloudWatch filter that narrows the group to statements worth reading.</summary>
    public const string FilterPattern = "?\"statement: DROP\" ?\"statement: drop\" ?\"statement: TRUNCATE\" ?\"statement: truncate\" ?\"statement: DELETE\" ?\"statement: delete\" ?\"statement: UPDATE\" ?\"statement: update\" ?\"statement: ALTER\" ?\"statement: alter\"";

    /// <summary>What a destructive line says, or null for an ordinary one.</summary>
    public static DestructiveStatement? Read(string line)
    {
        var match = Line().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var statement = match.Groups["statement"].Value.Trim().TrimEnd(';');
        return IsDestructive(statement)
            ? new DestructiveStatement(match.Groups["user"].Value, match.Groups["database"].Value, Redacted(statement))
            : null;
    }

    private static bool IsDestructive(string statement) =>
        Drop().IsMatch(statement) || Truncate().IsMatch(statement) || DropColumn().IsMatch(statement)
        || (DeleteOrUpdate().IsMatch(statement) && !Where().IsMatch(statement));

    /// <summary>Literals may hold personal data: the suggestion keeps the statement's shape only.</summary>
    private static string Redacted(string statement) => Number().Replace(Quoted().Replace(statement, "'…'"), "…");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \w+:[^:]*(?:\(\d+\))?:(?<user>[^@:]*)@(?<database>[^:]*):\[\d+\]:LOG:\s+(?:duration: [\d.]+ ms\s+)?statement: (?<statement>.*)$", RegexOptions.Singleline)]
    private static partial Regex Line();

    [GeneratedRegex(@"^\s*DROP\s+(TABLE|SCHEMA|DATABASE|MATERIALIZED VIEW)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Drop();

    [GeneratedRegex(@"^\s*TRUNCATE\b", RegexOptions.IgnoreCase)]
    private static partial Regex Truncate();

    [GeneratedRegex(@"^\s*ALTER\s+TABLE\b.*\bDROP\s+(COLUMN\b|(?!CONSTRAINT\b)\w)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DropColumn();

    [GeneratedRegex(@"^\s*(DELETE\s+FROM|UPDATE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeleteOrUpdate();

    [GeneratedRegex(@"\bWHERE\b", RegexOptions.IgnoreCase)]
    private static partial Regex Where();

    [GeneratedRegex(@"'(?:[^']|'')*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![\w.])\d+(\.\d+)?\b")]
    private static partial Regex Number();
}

internal sealed record DestructiveStatement(string User, string Database, string Statement)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Statement} (by {User} on {Database})");
}
