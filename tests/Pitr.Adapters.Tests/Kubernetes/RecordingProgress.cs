using System.Collections.Concurrent;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Kubernetes;

/// <summary>Keeps every report, synchronously (unlike <see cref="Progress{T}"/>, which posts them later).</summary>
internal sealed class RecordingProgress : IProgress<WorkloadProgress>
{
    private readonly ConcurrentQueue<WorkloadProgress> reports = new();

    public IReadOnlyList<WorkloadProgress> Reports => [.. reports];

    public void Report(WorkloadProgress value) => reports.Enqueue(value);
}
