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

    /// <summary>How long an announcement may wait to reach its thread before <c>/readyz</c> reports the dispatcher behind.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ThreadBehindLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many of the most recent recoveries, ended ones included, each sweep makes sure are fully told.</summary>
    [Range(1, 1000)]
    public int ThreadSweepRecent { get; set; } = 20;
}
