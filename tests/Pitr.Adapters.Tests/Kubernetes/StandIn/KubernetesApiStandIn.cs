using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pitr.Adapters.Tests.Kubernetes.StandIn;

/// <summary>
/// A Kubernetes API server stand-in on a loopback port: the real paths of the calls the adapters
/// make, real object shapes (serialized from the client's own models), scripted rollouts, RBAC
/// refusals, and a record of every request.
/// </summary>
public sealed class KubernetesApiStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<(string Resource, string Namespace, string Name), FakeWorkload> workloads = [];
    private readonly Dictionary<(string Namespace, string Name), V1Secret> secrets = [];
    private readonly HashSet<(string Verb, string Resource)> forbidden = [];
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private long resourceVersion = 1000;
    private int holdUntilPatched;

    private KubernetesApiStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<KubernetesApiStandIn> StartAsync()
    {
        var standIn = new KubernetesApiStandIn();
        await standIn.app.StartAsync();
        standIn.BaseAddress = new Uri(standIn.app.Urls.First());
        return standIn;
    }

    /// <summary>A kubeconfig whose context <c>stand-in</c> points at this server (and whose current context points nowhere).</summary>
    public string WriteKubeconfig(string directory)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: stand-in
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            - name: elsewhere
              cluster:
                server: http://127.0.0.1:1
            users:
            - name: bot
              user:
                token: stand-in-token
            contexts:
            - name: stand-in
              context:
                cluster: stand-in
                user: bot
            - name: elsewhere
              context:
                cluster: elsewhere
                user: bot
            current-context: elsewhere
            """);
        return path;
    }

    /// <summary>No rollout makes progress until this many pod templates have changed: only a restarter that patches them all before waiting on any can finish.</summary>
    public void HoldRolloutsUntilPatched(int count)
    {
        lock (gate)
        {
            holdUntilPatched = count;
        }
    }

    public void AddDeployment(string ns, string name, int replicas = 3, RolloutBehaviour? rollout = null, IDictionary<string, string>? labels = null) =>
        Add("deployments", ns, name, replicas, rollout, labels);

    public void AddStatefulSet(string ns, string name, int replicas = 3, RolloutBehaviour? rollout = null, IDictionary<string, string>? labels = null) =>
        Add("statefulsets", ns, name, replicas, rollout, labels);

    public void AddSecret(string ns, string name, IDictionary<string, string> data)
    {
        lock (gate)
        {
            secrets[(ns, name)] = new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Type = "Opaque",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = NextVersion() },
                Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
            };
        }
    }

    /// <summary>Refuses <paramref name="verb"/> on <paramref name="resource"/> (e.g. patch, deployments) as RBAC would.</summary>
    public void Forbid(string verb, string resource)
    {
        lock (gate)
        {
            forbidden.Add((verb, resource));
        }
    }

    public string? StampOf(string ns, string name, string resource = "deployments")
    {
        lock (gate)
        {
            return workloads[(resource, ns, name)].Stamp;
        }
    }

    public int TemplateChangesOf(string ns, string name, string resource = "deployments")
    {
        lock (gate)
        {
            return workloads[(resource, ns, name)].TemplateChanges;
        }
    }

    public IReadOnlyDictionary<string, string> SecretData(string ns, string name)
    {
        lock (gate)
        {
            return secrets[(ns, name)].Data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(d.Value));
        }
    }

    public IDictionary<string, string>? SecretAnnotations(string ns, string name)
    {
        lock (gate)
        {
            return secrets[(ns, name)].Metadata.Annotations;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Add(string resource, string ns, string name, int replicas, RolloutBehaviour? rollout, IDictionary<string, string>? labels)
    {
        lock (gate)
        {
            workloads[(resource, ns, name)] = new FakeWorkload(resource, ns, name, replicas, labels ?? new Dictionary<string, string> { ["app"] = name }, rollout ?? new RolloutBehaviour());
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value!, request.QueryString.Value, request.ContentType, body));

        var (status, answer) = Answer(request.Method, request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries),
            request.Query["labelSelector"].ToString(), request.ContentType, body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer is JsonNode json ? json.ToJsonString() : KubernetesJson.Serialize(answer));
    }

    private (int Status, object Body) Answer(string method, string[] path, string selector, string? contentType, string body)
    {
        // /apis/apps/v1/namespaces/{ns}/{resource}[/{name}]  or  /api/v1/namespaces/{ns}/{resource}[/{name}]
        var offset = path is ["apis", "apps", "v1", "namespaces", ..] ? 4 : path is ["api", "v1", "namespaces", ..] ? 3 : -1;
        if (offset < 0 || path.Length < offset + 2)
        {
            return (404, Failure(404, "NotFound", "the server could not find the requested resource"));
        }

        var ns = path[offset];
        var resource = path[offset + 1];
        var name = path.Length > offset + 2 ? path[offset + 2] : null;
        var verb = (method, name) switch
        {
            ("GET", null) => "list",
            ("GET", _) => "get",
            ("PATCH", _) => "patch",
            _ => method.ToLowerInvariant(),
        };
        var group = offset == 4 ? "apps" : "";

        lock (gate)
        {
            if (forbidden.Contains((verb, resource)))
            {
                var what = name is null ? resource : $"{resource}{(group.Length > 0 ? "." + group : "")} \"{name}\"";
                return (403, Failure(403, "Forbidden",
                    $"{what} is forbidden: User \"system:serviceaccount:pitr:pitr-bot\" cannot {verb} resource \"{resource}\" in API group \"{group}\" in the namespace \"{ns}\""));
            }

            if (verb == "patch" && contentType?.Split(';')[0] is not ("application/merge-patch+json" or "application/strategic-merge-patch+json"))
            {
                return (415, Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format: {contentType}"));
            }

            return (resource, verb) switch
            {
                ("deployments" or "statefulsets", "list") => (200, WorkloadList(resource, ns, selector)),
                ("deployments" or "statefulsets", "get") => workloads.TryGetValue((resource, ns, name!), out var w) ? (200, w.Object(countRead: !Held)) : NotFound(resource, group, name!),
                ("deployments" or "statefulsets", "patch") => workloads.TryGetValue((resource, ns, name!), out var w) ? (200, w.Patch(JsonNode.Parse(body)!)) : NotFound(resource, group, name!),
                ("pods", "list") => (200, new V1PodList { ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta(), Items = [.. workloads.Values.Where(w => w.Namespace == ns && Matches(w.Labels, selector)).SelectMany(w => w.Pods())] }),
                ("secrets", "get") => secrets.TryGetValue((ns, name!), out var s) ? (200, s) : NotFound(resource, group, name!),
                ("secrets", "patch") => secrets.ContainsKey((ns, name!)) ? PatchSecret(ns, name!, JsonNode.Parse(body)!) : NotFound(resource, group, name!),
                _ => (405, Failure(405, "MethodNotAllowed", $"{verb} {resource} is not served by the stand-in")),
            };
        }
    }

    private bool Held => workloads.Values.Sum(w => w.TemplateChanges) < holdUntilPatched;

    private object WorkloadList(string resource, string ns, string selector)
    {
        var items = workloads.Values.Where(w => w.Kind == resource && w.Namespace == ns && Matches(w.Labels, selector)).Select(w => w.Object(countRead: false)).ToList();
        return resource == "deployments"
            ? new V1DeploymentList { ApiVersion = "apps/v1", Kind = "DeploymentList", Metadata = new V1ListMeta(), Items = [.. items.Cast<V1Deployment>()] }
            : new V1StatefulSetList { ApiVersion = "apps/v1", Kind = "StatefulSetList", Metadata = new V1ListMeta(), Items = [.. items.Cast<V1StatefulSet>()] };
    }

    private (int, object) PatchSecret(string ns, string name, JsonNode patch)
    {
        var current = secrets[(ns, name)];
        if (patch["metadata"]?["resourceVersion"]?.GetValue<string>() is { } expected && expected != current.Metadata.ResourceVersion)
        {
            return (409, Failure(409, "Conflict", $"Operation cannot be fulfilled on secrets \"{name}\": the object has been modified; please apply your changes to the latest version and try again"));
        }

        var whole = JsonNode.Parse(KubernetesJson.Serialize(current))!;
        JsonMerge.Apply(whole, patch);
        var patched = KubernetesJson.Deserialize<V1Secret>(whole.ToJsonString());
        patched.Metadata.ResourceVersion = NextVersion();
        secrets[(ns, name)] = patched;
        return (200, patched);
    }

    /// <summary>Equality-based selectors (<c>a=b,c=d</c>), which is what the adapters send.</summary>
    private static bool Matches(IDictionary<string, string> labels, string selector) =>
        selector.Length == 0 || selector.Split(',').All(term =>
            term.Split('=') is [var key, var value] && labels.TryGetValue(key, out var actual) && actual == value);

    private static (int, object) NotFound(string resource, string group, string name) =>
        (404, Failure(404, "NotFound", $"{resource}{(group.Length > 0 ? "." + group : "")} \"{name}\" not found"));

    /// <summary>A <c>Status</c> object as the API server sends with every error (the client's model cannot be serialized).</summary>
    private static JsonObject Failure(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private string NextVersion() => (++resourceVersion).ToString();
}
