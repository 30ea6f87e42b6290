using Pitr.Domain.Ports;

namespace Pitr.Bot.Tests.Alerts;

/// <summary>Two databases, <c>orders</c> (the default) and <c>billing</c>, whose engines know their restorable window; nothing else of them is used here.</summary>
public sealed class TestCatalog : IDatabaseCatalog
{
    public static readonly RestorableWindow Window = new(
        DateTimeOffset.Parse("2026-11-20T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.Parse("2026-11-23T22:40:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private readonly Dictionary<string, DatabaseBinding> bindings = new[] { "orders", "billing" }.ToDictionary(
        name => name,
        name => new DatabaseBinding(name, new WindowOnlyRestorer(), new UnusedPorts(), new UnusedPorts(), new UnusedPorts(), new UnusedPorts(), new DatabasePolicy()));

    public string DefaultDatabase => "orders";

    public IReadOnlyCollection<string> Names => bindings.Keys;

    public DatabaseBinding? Find(string name) => bindings.GetValueOrDefault(name);

    private sealed class WindowOnlyRestorer : IDatabaseRestorer
    {
        public ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Window);

        public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("an alert must never start a restore");

        public ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class UnusedPorts : IValidationRunner, ISecretStore, IWorkloadRestarter, IHealthProbe
    {
        public ValueTask<ValidationReport> RunAsync(DatabaseEndpoint restored, DateTimeOffset target, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<RolloutReport> RestartAsync(RestartRequest request, IProgress<WorkloadProgress>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<HealthReport> WaitUntilHealthyAsync(TimeSpan timeout, DateTimeOffset incidentAt, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
