using Pitr.Domain.Ports;

namespace Pitr.Domain.Tests.Fakes;

public sealed class FakeValidation(CallLog log) : IValidationRunner
{
    public bool Pass { get; set; } = true;

    /// <summary>Runs while the checks run, once: what someone else does meanwhile (a person aborting).</summary>
    public Func<Task>? Meanwhile { get; set; }

    public async ValueTask<ValidationReport> RunAsync(DatabaseEndpoint restored, DateTimeOffset target, CancellationToken cancellationToken)
    {
        log.Add($"validation.Run {restored.Identifier}");
        if (Meanwhile is { } meanwhile)
        {
            Meanwhile = null;
            await meanwhile();
        }

        return new ValidationReport([
            new CheckResult("orders exist", Pass, Pass ? "42" : "0", ">= 1", TimeSpan.FromMilliseconds(3)),
        ]);
    }
}

public sealed class FakeSecrets(CallLog log) : ISecretStore
{
    public DatabaseEndpoint? PointsAt { get; private set; }

    /// <summary>When set, the next update fails with this message.</summary>
    public string? FailWith { get; set; }

    public ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        log.Add($"secrets.PointAt {endpoint.Identifier}");
        if (FailWith is { } failure)
        {
            FailWith = null;
            throw new InvalidOperationException(failure);
        }

        PointsAt = endpoint;
        return ValueTask.FromResult(new SecretChange("v1", "v2", "prod.local:5432"));
    }

    public ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken)
    {
        log.Add($"secrets.Revert {change.PreviousVersion}");
        PointsAt = null;
        return ValueTask.CompletedTask;
    }
}

public sealed class FakeWorkloads(CallLog log) : IWorkloadRestarter
{
    /// <summary>Names of workloads whose next rollout fails.</summary>
    public HashSet<string> Failing { get; } = [];

    public ValueTask<RolloutReport> RestartAsync(RestartRequest request, IProgress<WorkloadProgress>? progress, CancellationToken cancellationToken)
    {
        log.Add($"workloads.Restart {request.RestartedAt:O}");
        string[] names = ["api", "worker"];
        var report = new RolloutReport([.. names.Select(n => Failing.Remove(n)
            ? new WorkloadResult(n, false, TimeSpan.FromSeconds(30), "ProgressDeadlineExceeded")
            : new WorkloadResult(n, true, TimeSpan.FromSeconds(20), "2/2 pods updated"))]);
        return ValueTask.FromResult(report);
    }
}

public sealed class FakeHealth(CallLog log) : IHealthProbe
{
    public bool Healthy { get; set; } = true;

    public Uri? Dashboard { get; set; }

    public ValueTask<HealthReport> WaitUntilHealthyAsync(TimeSpan timeout, DateTimeOffset incidentAt, CancellationToken cancellationToken)
    {
        log.Add("health.Wait");
        return ValueTask.FromResult(new HealthReport(Healthy, [new HealthCheckResult("5xx ratio", Healthy, Healthy ? "0.001" : "0.4", "< 0.01")]) { Dashboard = Dashboard });
    }
}

public sealed class FakeCatalog(DatabaseBinding binding) : IDatabaseCatalog
{
    public string DefaultDatabase => binding.Name;

    public IReadOnlyCollection<string> Names => [binding.Name];

    public DatabaseBinding? Find(string name) => name == binding.Name ? binding : null;
}
