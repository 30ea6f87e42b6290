using System.Globalization;
using System.Text.RegularExpressions;

namespace Pitr.Domain.Recoveries;

/// <summary>
/// A time to restore to, parsed once where the person typed it. An explicit offset is required: at
/// 3 a.m. nobody should have to guess which zone a bare time meant. The text is kept for the record.
/// </summary>
public sealed partial record RecoveryTarget(DateTimeOffset Instant, string AsTyped)
{
    public const string Example = "2024-05-01T10:32:15Z";

    public static RecoveryTarget At(DateTimeOffset instant) => new(instant, instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    public static bool TryParse(string? text, out RecoveryTarget target, out TargetProblem problem)
    {
        target = At(default);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = TargetProblem.Missing;
            return false;
        }

        if (!OffsetSuffix().IsMatch(trimmed))
        {
            problem = TargetProblem.NoOffset;
            return false;
        }

        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var instant))
        {
            problem = TargetProblem.Malformed;
            return false;
        }

        (target, problem) = (new RecoveryTarget(instant, trimmed), TargetProblem.None);
        return true;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetSuffix();
}

public enum TargetProblem
{
    None,
    Missing,
    NoOffset,
    Malformed,
}
