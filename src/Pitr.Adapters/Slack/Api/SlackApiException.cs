namespace Pitr.Adapters.Slack.Api;

/// <summary>A Web API call that Slack answered with <c>ok: false</c>, or that failed after its retries.</summary>
public sealed class SlackApiException(string method, string error)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;

    /// <summary>Slack's error code (<c>channel_not_found</c>, <c>ratelimited</c>, …) or what went wrong on the way.</summary>
    public string Error { get; } = error;
}
