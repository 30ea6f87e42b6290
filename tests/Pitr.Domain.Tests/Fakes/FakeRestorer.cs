using Pitr.Domain.Ports;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>A restore engine whose restores become available after a set number of status polls.</summary>
public sealed class FakeRestorer(CallLog log, RestorableWindow window) : IDatabaseRestorer
{
    private readonly Dictionary<string, int> pollsLeft = [];
    private string source = "orders-prod";

    public int PollsUntilAvailable { get; set; } = 1;

    /// <summary>When true, restores never become available (for timeouts).</summary>
    public bool Stuck { get; set; }

    public RestorableWindow Window { get; set; } = window;

    public TimeSpan TargetResolution { get; set; } = TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond);

    /// <summary>How soon the engine suggests asking again while a restore is being created; null: it has no say.</summary>
    public TimeSpan? RecheckAfter { get; set; }

    public HashSet<string> Existing { get; } = [];

    /// <summary>When set, every existing restore reports this failure.</summary>
    public string? FailWith { get; set; }

    /// <summary>When set, asking for the window throws it: an engine that does not answer.</summary>
    public Exception? WindowError { get; set; }

    public ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) =>
        WindowError is { } error ? ValueTask.FromException<RestorableWindow>(error) : ValueTask.FromResult(Window);

    /// <summary>What the plan is told will differ from the source.</summary>
    public IReadOnlyList<SettingDifference> ExpectedDifferences { get; set; } = [];

    /// <summary>What comparing an available restore with the source finds; null: this engine compares nothing.</summary>
    public IReadOnlyList<SettingDifference>? Differences { get; set; }

    public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SourceDescription(source, null, 35, true, new Dictionary<string, string>()) { ExpectedDifferences = ExpectedDifferences });

    public ValueTask<IReadOnlyList<SettingDifference>?> CompareWithSourceAsync(string identifier, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Differences);

    /// <summary>A view restoring from <paramref name="production"/>, sharing this engine's restores; logged when the source changes.</summary>
    public IDatabaseRestorer From(string production)
    {
        if (production == source)
        {
            return this;
        }

        log.Add($"restorer.From {production}");
        var view = (FakeRestorer)MemberwiseClone();
        view.source = production;
        return view;
    }

    public ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        log.Add($"restorer.Start {request.Identifier} {request.Target:O}");
        Existing.Add(request.Identifier);
        pollsLeft[request.Identifier] = PollsUntilAvailable;
        return ValueTask.CompletedTask;
    }

    public ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken)
    {
        if (!Existing.Contains(identifier))
        {
            return ValueTask.FromResult(new RestoreStatus(RestorePhase.NotFound));
        }

        if (FailWith is { } failure)
        {
            return ValueTask.FromResult(new RestoreStatus(RestorePhase.Failed, Detail: failure));
        }

        var left = pollsLeft.GetValueOrDefault(identifier);
        if (Stuck || left > 0)
        {
            pollsLeft[identifier] = left - 1;
            return ValueTask.FromResult(new RestoreStatus(RestorePhase.Creating) { RecheckAfter = RecheckAfter });
        }

        return ValueTask.FromResult(new RestoreStatus(RestorePhase.Available, new DatabaseEndpoint(identifier, "restored.local", 5432, "orders")));
    }

    /// <summary>Identifiers the engine refuses to delete, with its reason.</summary>
    public Dictionary<string, string> Undeletable { get; } = [];

    /// <summary>Identifiers the engine refuses to delete for good (a missing permission), with its reason.</summary>
    public Dictionary<string, string> Denied { get; } = [];

    /// <summary>What protecting a restore that became production reports; every item passes unless a test says otherwise.</summary>
    public List<Pitr.Domain.Readiness.ReadinessItem> Protection { get; } = [new("WAL archiving", true, "on", "on", null)];

    public ValueTask<ProtectionReport> ProtectAsync(string identifier, CancellationToken cancellationToken)
    {
        log.Add($"restorer.Protect {identifier}");
        return ValueTask.FromResult(new ProtectionReport([.. Protection]));
    }

    public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken)
    {
        log.Add($"restorer.Delete {identifier}");
        if (Undeletable.TryGetValue(identifier, out var reason))
        {
            throw new InvalidOperationException(reason);
        }

        if (Denied.TryGetValue(identifier, out var denied))
        {
            throw new DeletionRefusedException(denied);
        }

        Existing.Remove(identifier);
        return ValueTask.CompletedTask;
    }
}
