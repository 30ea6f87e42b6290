namespace Pitr.Domain.Ports;

/// <summary>The configured databases, each with the adapters that serve it.</summary>
public interface IDatabaseCatalog
{
    string DefaultDatabase { get; }

    IReadOnlyCollection<string> Names { get; }

    DatabaseBinding? Find(string name);
}

/// <param name="Advisor">Present when the engine can read the database's history and propose recovery points.</param>
/// <param name="Markers">Present when drills prove their target with marker rows written on the source.</param>
public sealed record DatabaseBinding(
    string Name,
    IDatabaseRestorer Restorer,
    IValidationRunner Validation,
    ISecretStore Secrets,
    IWorkloadRestarter Workloads,
    IHealthProbe Health,
    DatabasePolicy Policy,
    IRecoveryPointAdvisor? Advisor = null,
    IMarkerProof? Markers = null);

/// <summary>How often a recovery of one database is polled and how long each of its phases may take.</summary>
public sealed record DatabasePolicy
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan ValidationTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan CutoverTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan RolloutTimeout { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan RollbackTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How far before the latest restorable time a drill lands.</summary>
    public TimeSpan DrillLag { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a drill with a marker proof waits for the archive to reach its markers (RDS lags about 5 minutes).</summary>
    public TimeSpan DrillMarkerWait { get; init; } = TimeSpan.FromMinutes(10);
}
