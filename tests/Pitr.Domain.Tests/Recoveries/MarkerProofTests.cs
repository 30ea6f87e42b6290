using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>A drill with a marker proof: its target is the first marker's commit, its checks include the markers, and it does not start without them.</summary>
public sealed class MarkerProofTests
{
    private static readonly DatabasePolicy Policy = new() { PollInterval = TimeSpan.FromSeconds(10), DrillMarkerWait = TimeSpan.FromMinutes(2) };

    [Fact]
    public async Task Drill_targets_the_first_markers_commit_and_reports_the_marker_checks_with_its_own()
    {
        var (world, proof) = World();

        var drill = await world.StartAsync(target: null, mode: RecoveryMode.Drill, autoApprove: true);
        Assert.True(drill.Succeeded, $"{drill.Why}");
        await world.ConfirmAsync(drill.Recovery!.Id);
        var done = await world.RunUntilAsync(drill.Recovery.Id, RecoveryState.Completed);

        Assert.Equal(proof.Written[0].CommittedAt, drill.Recovery.CurrentAttempt.Target);
        Assert.Equal([MarkerRole.BeforeTarget, MarkerRole.AfterTarget], proof.Written.Select(m => m.Role));
        Assert.All(proof.Written, m => Assert.StartsWith(drill.Recovery.Id, m.Value, StringComparison.Ordinal));
        Assert.Equal(1, proof.Switches);
        Assert.True(Assert.IsType<Planned>((await world.TrailAsync(drill.Recovery.Id))[0].Event).MarkerProof);
        Assert.Equal(["marker before the target", "marker after the target"], done.CurrentAttempt.Validation!.Checks.Select(c => c.Name).Skip(1));
        Assert.Equal(2, RecoveryReport.From(done, [], world.Clock.GetUtcNow()).Checks.Count(c => c.Name.StartsWith("marker", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task On_an_engine_that_restores_to_the_second_the_target_is_the_next_whole_second_and_the_second_marker_commits_after_it()
    {
        var (world, proof) = World();
        world.Restorer.TargetResolution = TimeSpan.FromSeconds(1);

        var drill = await world.StartAsync(target: null, mode: RecoveryMode.Drill);

        var second = new DateTimeOffset(2024, 5, 1, 10, 40, 1, TimeSpan.Zero);
        Assert.Equal(second, drill.Recovery!.CurrentAttempt.Target);
        Assert.Equal([null, second], proof.WrittenAfter);
        Assert.True(proof.Written[0].CommittedAt < second && proof.Written[1].CommittedAt > second);
    }

    [Fact]
    public async Task Drill_does_not_pass_when_the_second_marker_is_in_the_restore()
    {
        var (world, proof) = World();
        proof.SecondFound = true;

        var drill = await world.StartAsync(target: null, mode: RecoveryMode.Drill, autoApprove: true);
        await world.ConfirmAsync(drill.Recovery!.Id);
        var waiting = await world.RunUntilAsync(drill.Recovery.Id, RecoveryState.AwaitingApproval);

        Assert.False(waiting.CurrentAttempt.Validation!.Passed);
        Assert.Contains(waiting.CurrentAttempt.Validation.Checks, c => c is { Name: "marker after the target", Passed: false, Observed: "present" });
    }

    [Fact]
    public async Task Drill_is_refused_with_the_window_when_the_archive_never_reaches_the_markers()
    {
        var (world, proof) = World();
        proof.ArchiveReaches = false;

        var planning = world.StartAsync(target: null, mode: RecoveryMode.Drill).AsTask();
        for (var i = 0; i < 10_000 && !planning.IsCompleted; i++)
        {
            world.Clock.Advance(Policy.PollInterval);
            await Task.Yield();
        }

        var result = await planning;
        var why = Assert.IsType<MarkerProofImpossible>(result.Why);
        Assert.Equal((MarkerProblem.NotRestorable, proof.Written[0], world.Restorer.Window), (why.Problem, why.Marker, why.Window));
        Assert.Empty(await world.Store.ListRecentAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Drill_is_refused_with_the_sources_words_when_the_markers_cannot_be_written()
    {
        var (world, proof) = World();
        proof.Refusal = "42501: permission denied for schema public";

        var result = await world.StartAsync(target: null, mode: RecoveryMode.Drill);

        Assert.Equal(new MarkerProofImpossible("orders", MarkerProblem.NotWritten, null, null, Policy.DrillMarkerWait, proof.Refusal), result.Why);
        Assert.Empty(await world.Store.ListRecentAsync(null, 10, CancellationToken.None));
    }

    private static (RecoveryWorld World, FakeMarkerProof Proof) World()
    {
        FakeMarkerProof? proof = null;
        var world = new RecoveryWorld(policy: Policy, adapters: b => b with { Markers = proof = new FakeMarkerProof(b.Restorer) });
        return (world, proof!);
    }

    /// <summary>Markers committed at the fake clock's time plus a microsecond each; the archive reaches them when the WAL is switched.</summary>
    private sealed class FakeMarkerProof(IDatabaseRestorer restorer) : IMarkerProof
    {
        public List<DrillMarker> Written { get; } = [];

        public int Switches { get; private set; }

        public bool ArchiveReaches { get; set; } = true;

        public bool SecondFound { get; set; }

        public string? Refusal { get; set; }

        public List<DateTimeOffset?> WrittenAfter { get; } = [];

        public ValueTask<DrillMarker> WriteAsync(string recoveryId, MarkerRole role, DateTimeOffset? after, CancellationToken cancellationToken)
        {
            if (Refusal is not null)
            {
                throw new MarkerProofException(Refusal);
            }

            WrittenAfter.Add(after);
            var marker = new DrillMarker($"{recoveryId}-{role}", role, (after ?? RecoveryWorld.Now).AddTicks(10 * (Written.Count + 1)));
            Written.Add(marker);
            return ValueTask.FromResult(marker);
        }

        public ValueTask<bool> SwitchWalAsync(CancellationToken cancellationToken)
        {
            Switches++;
            if (ArchiveReaches && restorer is FakeRestorer fake)
            {
                fake.Window = fake.Window with { Latest = Written[^1].CommittedAt };
            }

            return ValueTask.FromResult(true);
        }

        public ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(string recoveryId, DatabaseEndpoint restored, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<CheckResult>>(
            [
                new("marker before the target", true, "present", "present", TimeSpan.Zero),
                new("marker after the target", !SecondFound, SecondFound ? "present" : "absent", "absent", TimeSpan.Zero),
            ]);
    }
}
