using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace Pitr.Adapters.Kubernetes;

/// <summary>A refused or failed API call, with a message an operator can act on.</summary>
public sealed class KubernetesRequestException(string message, HttpStatusCode? status, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>Runs one API call, turning the client's errors into messages that say what was attempted and how to fix it.</summary>
    /// <param name="verb">The RBAC verb of the call (get, list, patch).</param>
    /// <param name="resource">The RBAC resource with its group, e.g. <c>deployments.apps</c>.</param>
    public static async Task<T> Call<T>(string verb, string resource, string ns, string? name, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            throw From(e, verb, resource, ns, name);
        }
        catch (HttpRequestException e)
        {
            throw new KubernetesRequestException($"Could not reach the Kubernetes API to {verb} {resource} in namespace {ns}: {e.Message}", null, e);
        }
    }

    private static KubernetesRequestException From(HttpOperationException e, string verb, string resource, string ns, string? name)
    {
        var status = e.Response.StatusCode;
        var target = name is null ? $"{resource} in namespace {ns}" : $"{resource} {ns}/{name}";
        var message = status switch
        {
            HttpStatusCode.Forbidden =>
                $"Kubernetes refused to let the bot {verb} {resource} in namespace {ns} (403 Forbidden). " +
                $"Grant the verb '{verb}' on resource '{resource}' in namespace {ns} to the bot's service account (its Role: deploy/kubernetes/role.yaml).",
            HttpStatusCode.Unauthorized =>
                "Kubernetes did not accept the bot's credentials (401 Unauthorized): check the service account token or the kubeconfig user.",
            HttpStatusCode.NotFound => $"{target} does not exist.",
            HttpStatusCode.Conflict => $"{target} changed while the bot was updating it (409 Conflict); the step will be retried.",
            _ => $"Kubernetes answered {(int)status} to {verb} {target}: {StatusMessage(e.Response.Content) ?? e.Response.ReasonPhrase}",
        };
        return new KubernetesRequestException(message, status, e);
    }

    /// <summary>The <c>message</c> of a Kubernetes <c>Status</c> body, when the body is one.</summary>
    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
