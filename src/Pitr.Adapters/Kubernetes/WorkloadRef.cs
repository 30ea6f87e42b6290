namespace Pitr.Adapters.Kubernetes;

/// <summary>One workload to restart.</summary>
internal sealed record WorkloadRef(WorkloadKind Kind, string Namespace, string Name)
{
    public override string ToString() => $"{Kind.Singular} {Namespace}/{Name}";
}
