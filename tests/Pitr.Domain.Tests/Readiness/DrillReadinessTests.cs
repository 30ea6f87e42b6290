using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Ports;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Readiness;

/// <summary>The drill item of <c>pitr check</c>: the last passing drill against the rule, and the next one the schedule calls for.</summary>
public sealed class DrillReadinessTests
{
    private static readonly DateTimeOffset Now = RecoveryWorld.Now;

    private readonly RecoveryWorld world = new();

    [Fact]
    public async Task Says_when_the_next_scheduled_drill_is_due()
    {
        await AddDrillAsync("d1", Now.AddDays(-20));

        var item = await DrillItemAsync(new FakeDrillSchedules(FakeDrillSchedules.Every(TimeSpan.FromDays(1))));

        Assert.True(item.Passed);
        Assert.Contains("next scheduled drill 2024-05-02T00:00:00Z", item.Observed);
    }

    [Fact]
    public async Task Fails_when_the_last_passing_drill_is_older_than_the_configured_rule()
    {
        await AddDrillAsync("d1", Now.AddDays(-40));

        var item = await DrillItemAsync(targets: new ReadinessTargets { MaximumDrillAge = TimeSpan.FromDays(30) });

        Assert.False(item.Passed);
        Assert.Equal("a passing drill within 30 days", item.Expected);
        Assert.Contains("Pitr:Databases:orders:Drills:Schedule", item.Fix);
    }

    [Fact]
    public async Task Passes_under_the_default_rule_of_183_days()
    {
        await AddDrillAsync("d1", Now.AddDays(-182));

        Assert.True((await DrillItemAsync()).Passed);
    }

    [Fact]
    public async Task A_drill_whose_checks_failed_does_not_count()
    {
        await AddDrillAsync("good", Now.AddDays(-200));
        await AddDrillAsync("bad", Now.AddDays(-2), checksPassed: false);

        var item = await DrillItemAsync();

        Assert.False(item.Passed);
        Assert.Contains("last drill good", item.Observed);
    }

    private async Task<ReadinessItem> DrillItemAsync(IDrillSchedules? schedules = null, ReadinessTargets? targets = null)
    {
        var handler = new CheckReadinessHandler(world.Catalog, world.Store, schedules ?? new FakeDrillSchedules(), targets ?? new ReadinessTargets(), new FakeTimeProvider(Now));
        var report = await handler.Handle(new CheckReadiness(null), CancellationToken.None);
        return Assert.Single(report.Items, i => i.Name == "Recovery drill");
    }

    private async Task AddDrillAsync(string id, DateTimeOffset completedAt, bool checksPassed = true)
    {
        var requestedAt = completedAt.AddMinutes(-20);
        var drill = new RecoverySnapshot(id, "orders", RecoveryMode.Drill, RecoveryState.Completed, 9, Actor.Scheduler, "C0DRILLS", requestedAt, null,
            new RestorableWindow(requestedAt.AddDays(-30), requestedAt), "orders-prod", AutoApprove: true)
        {
            Attempts = [new RestoreAttempt(1, requestedAt.AddMinutes(-1), RestoreAttempt.IdentifierFor(id, 1))
            {
                Outcome = AttemptOutcome.Drilled,
                Validation = new ValidationReport([new CheckResult("orders present", checksPassed, "1000", ">= 1", TimeSpan.FromSeconds(1))]),
            }],
            CompletedAt = completedAt,
        };
        await world.Store.AddAsync(drill, [], CancellationToken.None);
    }
}
