using System.ComponentModel.DataAnnotations;

namespace Pitr.Bot.Hosting;

public sealed class RunnerOptions
{
    public const string Section = "Pitr:Runner";

    /// <summary>How often the runner looks for recoveries whose next step is due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait before trying again after an unexpected error (store unreachable, chat down).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
