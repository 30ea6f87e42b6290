namespace Pitr.Adapters.Kubernetes;

internal static class Durations
{
    /// <summary>"90 s", "5 min", "2 min 30 s": how operators read a timeout.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 60 } => $"{duration.TotalSeconds:0.#} s",
        { Seconds: 0 } => $"{(int)duration.TotalMinutes} min",
        _ => $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
    };
}
