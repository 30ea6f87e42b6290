using k8s;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Kubernetes;

/// <summary>Turns the configured names and label selector into the workloads to restart.</summary>
internal sealed class WorkloadResolver(IKubernetes client, KubernetesWorkloadOptions options)
{
    /// <returns>The workloads found, and a failed result for each name or selector that found nothing (restarting fewer applications than configured would leave some on the old database).</returns>
    public async Task<(IReadOnlyList<WorkloadRef> Found, IReadOnlyList<WorkloadResult> Problems)> ResolveAsync(CancellationToken cancellationToken)
    {
        var found = new List<WorkloadRef>();
        var problems = new List<WorkloadResult>();

        async Task Named(WorkloadKind kind, string configured)
        {
            try
            {
                var refs = await ByNameAsync(kind, configured, cancellationToken);
                if (refs.Count == 0)
                {
                    problems.Add(Problem($"{kind} {configured}", $"not found in namespace {string.Join(", ", options.Namespaces)}"));
                }

                found.AddRange(refs);
            }
            catch (KubernetesRequestException e)
            {
                problems.Add(Problem($"{kind} {configured}", e.Message));
            }
        }

        foreach (var name in options.Deployments)
        {
            await Named(WorkloadKind.Deployment, name);
        }

        foreach (var name in options.StatefulSets)
        {
            await Named(WorkloadKind.StatefulSet, name);
        }

        if (options.LabelSelector is { Length: > 0 } selector)
        {
            var kinds = options.SelectStatefulSets ? new[] { WorkloadKind.Deployment, WorkloadKind.StatefulSet } : [WorkloadKind.Deployment];
            var matched = 0;
            foreach (var kind in kinds)
            {
                foreach (var ns in options.Namespaces)
                {
                    try
                    {
                        var names = await kind.ListAsync(client, ns, selector, cancellationToken);
                        matched += names.Count;
                        found.AddRange(names.Select(n => new WorkloadRef(kind, ns, n)));
                    }
                    catch (KubernetesRequestException e)
                    {
                        problems.Add(Problem($"{kind.Resource} matching {selector} in {ns}", e.Message));
                    }
                }
            }

            if (matched == 0 && problems.Count == 0)
            {
                problems.Add(Problem($"label selector {selector}", $"matches no {string.Join(" or ", kinds.Select(k => k.Resource))} in namespace {string.Join(", ", options.Namespaces)}"));
            }
        }

        return ([.. found.Distinct()], problems);
    }

    /// <summary><c>ns/name</c> is taken as written; a plain name is looked for in every namespace (with one namespace, the rollout reports it missing).</summary>
    private async Task<IReadOnlyList<WorkloadRef>> ByNameAsync(WorkloadKind kind, string configured, CancellationToken cancellationToken)
    {
        var slash = configured.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            return [new WorkloadRef(kind, configured[..slash], configured[(slash + 1)..])];
        }

        if (options.Namespaces.Count == 1)
        {
            return [new WorkloadRef(kind, options.Namespaces[0], configured)];
        }

        var refs = new List<WorkloadRef>();
        foreach (var ns in options.Namespaces)
        {
            if (await kind.ReadAsync(client, ns, configured, cancellationToken) is not null)
            {
                refs.Add(new WorkloadRef(kind, ns, configured));
            }
        }

        return refs;
    }

    private static WorkloadResult Problem(string name, string detail) => new(name, false, TimeSpan.Zero, detail);
}
