using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Local;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Workloads:Process</c>: local processes that read the secret and must be restarted to pick it up.</summary>
public sealed class ProcessWorkloadOptions : IValidatableObject
{
    public IList<ProcessWorkload> Processes { get; init; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Processes.Count == 0)
        {
            yield return new ValidationResult("Workloads:Process:Processes is empty: list the processes to restart (Name, Command, PidFile), or set Workloads:Restarter to none.");
        }

        foreach (var (process, index) in Processes.Select((p, i) => (p, i)))
        {
            if (string.IsNullOrWhiteSpace(process.Name) || string.IsNullOrWhiteSpace(process.Command) || string.IsNullOrWhiteSpace(process.PidFile))
            {
                yield return new ValidationResult($"Workloads:Process:Processes:{index} needs a Name, a Command and a PidFile.");
            }
        }
    }
}

public sealed class ProcessWorkload
{
    public string Name { get; set; } = string.Empty;

    public string Command { get; set; } = string.Empty;

    public IList<string> Arguments { get; init; } = [];

    public IDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Holds the running process's id: how the restarter finds the instance to stop.</summary>
    public string PidFile { get; set; } = string.Empty;

    /// <summary>Where the process's output goes; beside the pid file when unset.</summary>
    public string? LogFile { get; set; }

    /// <summary>The new process counts as rolled out once this answers 2xx; once it is alive, when unset.</summary>
    public Uri? ReadyUrl { get; set; }
}
