using System.Globalization;

namespace Pitr.Adapters.Health.Prometheus;

/// <summary>Prometheus writes sample values as strings, with its own spelling of the infinities.</summary>
internal static class PrometheusValue
{
    public static double Parse(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
