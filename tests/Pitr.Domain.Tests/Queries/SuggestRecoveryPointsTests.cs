using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Suggest;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Queries;

public sealed class SuggestRecoveryPointsTests
{
    private static readonly DateTimeOffset At = RecoveryWorld.Now.AddMinutes(-30);

    [Fact]
    public async Task Lists_newest_first_and_proposes_the_instant_before_the_earliest_change()
    {
        var history = new History(
            new RecoveryPointSuggestion(At, At.AddMilliseconds(-1), null, "DELETE FROM orders") { By = "app@orders" },
            new RecoveryPointSuggestion(At.AddMinutes(5), At.AddMinutes(5).AddMilliseconds(-1), null, "DROP TABLE customers"));
        var world = new RecoveryWorld(adapters: b => b with { Advisor = history });

        var points = await new SuggestRecoveryPointsHandler(world.Catalog, world.Store).Handle(new SuggestRecoveryPoints(null, At.AddHours(-1)), CancellationToken.None);

        Assert.Equal(["DROP TABLE customers", "DELETE FROM orders"], points.NewestFirst.Select(s => s.What));
        Assert.Equal(At.AddMilliseconds(-1), points.Proposed?.Target);
        Assert.Equal(At.AddHours(-1), history.AskedSince);
        Assert.Null(points.Why);
    }

    [Fact]
    public async Task Reads_the_history_of_the_restore_that_became_production_after_a_cutover()
    {
        var history = new History(new RecoveryPointSuggestion(At, At.AddMilliseconds(-1), null, "DROP TABLE customers"));
        var world = new RecoveryWorld(adapters: b => b with { Advisor = history });
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);

        await new SuggestRecoveryPointsHandler(world.Catalog, world.Store).Handle(new SuggestRecoveryPoints(null, At.AddHours(-1)), CancellationToken.None);

        Assert.Equal([$"pitr-{done.Id}-a1"], history.ReadFrom);
    }

    [Fact]
    public async Task Says_the_history_cannot_be_read_when_the_engine_has_no_advisor()
    {
        var world = new RecoveryWorld();

        var points = await new SuggestRecoveryPointsHandler(world.Catalog, world.Store).Handle(new SuggestRecoveryPoints("orders", At), CancellationToken.None);
        var unknown = await new SuggestRecoveryPointsHandler(world.Catalog, world.Store).Handle(new SuggestRecoveryPoints("billing", At), CancellationToken.None);

        Assert.Equal(new NoHistory("orders"), points.Why);
        Assert.IsType<UnknownDatabase>(unknown.Why);
        Assert.Null(points.Proposed);
    }

    private sealed class History(params RecoveryPointSuggestion[] suggestions) : IRecoveryPointAdvisor
    {
        public DateTimeOffset? AskedSince { get; private set; }

        /// <summary>The productions whose history it was asked to read instead of the configured source's.</summary>
        public List<string> ReadFrom { get; } = [];

        public IRecoveryPointAdvisor From(string production)
        {
            ReadFrom.Add(production);
            return this;
        }

        public ValueTask<IReadOnlyList<RecoveryPointSuggestion>> SuggestAsync(DateTimeOffset since, CancellationToken cancellationToken)
        {
            AskedSince = since;
            return ValueTask.FromResult<IReadOnlyList<RecoveryPointSuggestion>>(suggestions);
        }
    }
}
