using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Kubernetes;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Workloads:Kubernetes</c>: which workloads read the connection secret.</summary>
public sealed class KubernetesWorkloadOptions : KubernetesClusterOptions, IValidatableObject
{
    public const string Section = "Workloads:Kubernetes";

    /// <summary>Namespaces searched for the workloads below.</summary>
    public IList<string> Namespaces { get; } = [];

    /// <summary>Deployments by name; <c>namespace/name</c> pins one namespace, a plain name is looked up in every namespace.</summary>
    public IList<string> Deployments { get; } = [];

    /// <summary>StatefulSets by name, as for <see cref="Deployments"/>.</summary>
    public IList<string> StatefulSets { get; } = [];

    /// <summary>A label selector (e.g. <c>uses-db=orders</c>) matching more deployments in the namespaces.</summary>
    public string? LabelSelector { get; set; }

    /// <summary>Whether <see cref="LabelSelector"/> also selects StatefulSets.</summary>
    public bool SelectStatefulSets { get; set; }

    /// <summary>How often each rollout is read while it runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);


    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Namespaces.Count == 0 && (Deployments.Concat(StatefulSets).Any(n => !n.Contains('/', StringComparison.Ordinal)) || LabelSelector is not null))
        {
            yield return new ValidationResult(
                "Workloads:Kubernetes:Namespaces is empty: list the namespaces to search (e.g. Namespaces:0 = prod), or write every workload as namespace/name.",
                [nameof(Namespaces)]);
        }

        if (Deployments.Count == 0 && StatefulSets.Count == 0 && string.IsNullOrWhiteSpace(LabelSelector))
        {
            yield return new ValidationResult(
                "Workloads:Kubernetes names no workload: set Deployments, StatefulSets or LabelSelector (e.g. LabelSelector = uses-db=orders).",
                [nameof(Deployments)]);
        }

        if (SelectStatefulSets && string.IsNullOrWhiteSpace(LabelSelector))
        {
            yield return new ValidationResult("Workloads:Kubernetes:SelectStatefulSets is on but LabelSelector is empty.", [nameof(SelectStatefulSets)]);
        }
    }
}
