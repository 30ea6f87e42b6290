using System.Globalization;

namespace Pitr.Adapters.Postgres;

/// <summary>What a check's value must be: a comparison ("&gt;= 1", "= 0", "!= 'x'"), "null", "not null", "true" or "false".</summary>
internal sealed record Expectation(string Operator, string? Operand)
{
    private static readonly string[] Operators = [">=", "<=", "!=", "<>", "=", ">", "<"];

    public static Expectation Parse(string? text) =>
        TryParse(text, out var expectation) ? expectation : throw new FormatException($"'{text}' is not an expectation such as '>= 1' or 'not null'.");

    public static bool TryParse(string? text, out Expectation expectation)
    {
        var trimmed = (text ?? string.Empty).Trim();
        expectation = new Expectation("not null", null);
        switch (trimmed.ToLowerInvariant())
        {
            case "not null":
            case "null":
            case "true":
            case "false":
                expectation = new Expectation(trimmed.ToLowerInvariant(), null);
                return true;
        }

        var op = Operators.FirstOrDefault(o => trimmed.StartsWith(o, StringComparison.Ordinal));
        if (op is null || trimmed.Length == op.Length)
        {
            return false;
        }

        expectation = new Expectation(op == "<>" ? "!=" : op, trimmed[op.Length..].Trim().Trim('\''));
        return true;
    }

    /// <param name="value">The observed value as text, or null for SQL NULL / no row.</param>
    public bool IsMetBy(string? value)
    {
        switch (Operator)
        {
            case "not null":
                return value is not null;
            case "null":
                return value is null;
            case "true" or "false":
                return string.Equals(value, Operator, StringComparison.OrdinalIgnoreCase) || value == (Operator == "true" ? "t" : "f");
        }

        if (value is null)
        {
            return false;
        }

        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && decimal.TryParse(Operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound))
        {
            return Compare(number.CompareTo(bound));
        }

        return Operator is "=" or "!=" ? Compare(string.CompareOrdinal(value, Operand)) : false;
    }

    public override string ToString() => Operand is null ? Operator : $"{Operator} {Operand}";

    private bool Compare(int sign) => Operator switch
    {
        ">=" => sign >= 0,
        "<=" => sign <= 0,
        ">" => sign > 0,
        "<" => sign < 0,
        "=" => sign == 0,
        _ => sign != 0,
    };
}
