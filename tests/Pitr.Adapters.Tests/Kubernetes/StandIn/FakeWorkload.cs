using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Pitr.Adapters.Tests.Kubernetes.StandIn;

/// <summary>One Deployment or StatefulSet held by the stand-in, with a rollout the test scripts.</summary>
internal sealed class FakeWorkload(string kind, string ns, string name, int replicas, IDictionary<string, string> labels, RolloutBehaviour behaviour)
{
    private JsonNode template = JsonSerializer(new V1PodTemplateSpec
    {
        Metadata = new V1ObjectMeta { Labels = labels },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "registry.example/app:1" }] },
    });

    private string? oldStamp;
    private long generation = 1;
    private int readsSincePatch = -1;
    private long patchedAt;
    private bool rolling;

    public string Kind { get; } = kind;
    public string Namespace { get; } = ns;
    public string Name { get; } = name;
    public IDictionary<string, string> Labels { get; } = labels;
    public int TemplateChanges { get; private set; }

    public string? Stamp => StampOf(template);

    /// <summary>Applies a merge patch; a changed pod template bumps the generation and starts a rollout.</summary>
    public object Patch(JsonNode patch)
    {
        var whole = JsonNode.Parse(KubernetesJson.Serialize(Object(countRead: false)))!;
        var before = whole["spec"]!["template"]!.ToJsonString();
        JsonMerge.Apply(whole, patch);
        var after = whole["spec"]!["template"]!;
        if (after.ToJsonString() != before)
        {
            oldStamp = Stamp;
            template = after.DeepClone();
            generation++;
            TemplateChanges++;
            readsSincePatch = -1;
            patchedAt = Stopwatch.GetTimestamp();
            rolling = true;
        }

        return Object(countRead: false);
    }

    public object Object(bool countRead)
    {
        if (countRead && rolling)
        {
            readsSincePatch++;
        }

        var (observed, updated) = Progress();
        var meta = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace, Labels = Labels, Generation = generation, Uid = $"uid-{Namespace}-{Name}" };
        var selector = new V1LabelSelector { MatchLabels = Labels };
        var podTemplate = KubernetesJson.Deserialize<V1PodTemplateSpec>(template.ToJsonString());
        var done = updated == replicas && !Stuck;
        if (Kind == "deployments")
        {
            var progressing = ExceededDeadline
                ? new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded", Message = $"ReplicaSet \"{Name}-7d9f8b6c5\" has timed out progressing." }
                : new V1DeploymentCondition { Type = "Progressing", Status = "True", Reason = done ? "NewReplicaSetAvailable" : "ReplicaSetUpdated" };
            return new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = meta,
                Spec = new V1DeploymentSpec { Replicas = replicas, Selector = selector, Template = podTemplate, ProgressDeadlineSeconds = 600 },
                Status = new V1DeploymentStatus
                {
                    ObservedGeneration = observed,
                    Replicas = done ? replicas : replicas + 1,
                    UpdatedReplicas = updated,
                    ReadyReplicas = done ? replicas : replicas - 1,
                    AvailableReplicas = done ? replicas : replicas - 1,
                    UnavailableReplicas = done ? null : 1,
                    Conditions = [new V1DeploymentCondition { Type = "Available", Status = "True", Reason = "MinimumReplicasAvailable" }, progressing],
                },
            };
        }

        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = meta,
            Spec = new V1StatefulSetSpec
            {
                Replicas = replicas, Selector = selector, Template = podTemplate, ServiceName = Name,
                UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate" },
            },
            Status = new V1StatefulSetStatus
            {
                ObservedGeneration = observed,
                Replicas = replicas,
                ReadyReplicas = done ? replicas : replicas - 1,
                UpdatedReplicas = updated,
                CurrentRevision = done ? $"{Name}-{generation}" : $"{Name}-{generation - 1}",
                UpdateRevision = $"{Name}-{generation}",
            },
        };
    }

    /// <summary>The pods as the controller would leave them now: the updated ones carry the new template's annotations.</summary>
    public IEnumerable<V1Pod> Pods()
    {
        var (_, updated) = Progress();
        var lingering = rolling && updated == replicas && readsSincePatch - behaviour.Reads < behaviour.OldPodLingers ? 1 : 0;
        var old = replicas - updated + (updated < replicas ? 1 : 0) + lingering;
        var newAnnotations = KubernetesJson.Deserialize<V1PodTemplateSpec>(template.ToJsonString()).Metadata.Annotations;
        for (var i = 0; i < updated; i++)
        {
            yield return Pod($"{Name}-new-{i}", newAnnotations);
        }

        for (var i = 0; i < old; i++)
        {
            yield return Pod($"{Name}-old-{i}", oldStamp is null ? null : new Dictionary<string, string> { ["kubectl.kubernetes.io/restartedAt"] = oldStamp });
        }
    }

    private V1Pod Pod(string podName, IDictionary<string, string>? annotations) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = podName, NamespaceProperty = Namespace, Labels = Labels, Annotations = annotations },
        Status = new V1PodStatus { Phase = "Running" },
    };

    private bool Stuck => behaviour.Stalls || FailsThisRollout;

    private bool FailsThisRollout => rolling && TemplateChanges <= behaviour.DeadlineExceededRollouts;

    private bool ExceededDeadline => FailsThisRollout && readsSincePatch >= behaviour.Reads;

    /// <summary>The observed generation and the number of updated replicas at this point of the rollout.</summary>
    private (long Observed, int Updated) Progress()
    {
        if (!rolling)
        {
            return (generation, replicas);
        }

        double fraction;
        if (behaviour.Duration is { } duration)
        {
            fraction = Stopwatch.GetElapsedTime(patchedAt) / duration;
        }
        else if (readsSincePatch <= 0)
        {
            return (generation - 1, replicas);
        }
        else
        {
            fraction = (double)readsSincePatch / behaviour.Reads;
        }

        var updated = Stuck ? 1 : Math.Clamp((int)(replicas * fraction), 1, replicas);
        return (generation, Math.Min(updated, replicas));
    }

    private static string? StampOf(JsonNode template) => template["metadata"]?["annotations"]?["kubectl.kubernetes.io/restartedAt"]?.GetValue<string>();

    private static JsonNode JsonSerializer(V1PodTemplateSpec spec) => JsonNode.Parse(KubernetesJson.Serialize(spec))!;
}
