namespace Pitr.Adapters.Tests.Kubernetes.StandIn;

public sealed record RecordedRequest(string Method, string Path, string? Query, string? ContentType, string Body);
