using System.ComponentModel.DataAnnotations;

namespace Pitr.Bot.Drills;

/// <summary><c>Pitr:Drills</c>: how scheduled drills are looked for and how many drills of the fleet run at once.</summary>
public sealed class DrillOptions
{
    public const string Section = "Pitr:Drills";

    /// <summary>How many databases <c>pitr drill --all</c> and <c>/pitr drill all</c> drill at once.</summary>
    [Range(1, 32)]
    public int Concurrency { get; set; } = 2;

    /// <summary>How often the scheduler looks for a due drill; a drill starts at most this long after its due time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(30);
}
