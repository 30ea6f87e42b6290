using System.Globalization;
using System.Text.RegularExpressions;

namespace Pitr.Domain.Recoveries;

/// <summary>Reads the time people type. An explicit offset is required: at 3 a.m. nobody should have to guess which zone a bare time meant.</summary>
public static partial class TargetTime
{
    public const string Example = "2024-05-01T10:32:15Z";

    public static bool TryParse(string? text, out DateTimeOffset time, out string error)
    {
        time = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = $"Give the time to restore to, with its offset, e.g. `{Example}` or `2024-05-01T12:32:15+02:00`.";
            return false;
        }

        if (!OffsetSuffix().IsMatch(trimmed))
        {
            error = $"`{trimmed}` has no UTC offset, so it is ambiguous. Add `Z` for UTC or an offset such as `+02:00`, e.g. `{Example}`.";
            return false;
        }

        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out time))
        {
            error = $"`{trimmed}` is not a valid ISO-8601 time. Use the form `{Example}`.";
            return false;
        }

        error = "";
        return true;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetSuffix();
}
