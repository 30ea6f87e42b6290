using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Alerts;
using Pitr.Domain.Alerts.Receive;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Alerts;

public sealed class ReceiveAlertHandlerTests
{
    private static readonly DateTimeOffset StartsAt = new(2024, 5, 1, 10, 35, 0, TimeSpan.Zero);
    private readonly RecoveryWorld world = new();
    private readonly MemoryAlertLog log = new();
    private readonly AlertChannel channel = new();
    private readonly AlertRules rules = new() { AlertNames = new HashSet<string> { "DataCorruptionSuspected" }, Channel = "C_INCIDENT" };

    [Fact]
    public async Task Posted_with_the_last_destructive_transaction_before_the_alert_when_the_database_has_an_advisor()
    {
        var advisor = new Advisor(
            new RecoveryPointSuggestion(StartsAt.AddMinutes(-10), StartsAt.AddMinutes(-10).AddSeconds(-1), 700, "DELETE 10 rows from public.orders"),
            new RecoveryPointSuggestion(StartsAt.AddMinutes(-4), StartsAt.AddMinutes(-4).AddSeconds(-1), 712, "DROP TABLE public.orders"),
            new RecoveryPointSuggestion(StartsAt.AddMinutes(3), StartsAt.AddMinutes(3).AddSeconds(-1), 730, "TRUNCATE public.audit"));

        var result = await Handler(advisor).Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);

        Assert.Equal(AlertIntakeOutcome.Posted, result.Outcome);
        var (posted, card) = Assert.Single(channel.Posted);
        Assert.Equal("C_INCIDENT", posted);
        Assert.Equal(StartsAt.AddMinutes(-4).AddSeconds(-1), card.SuggestedTarget);
        Assert.Contains("DROP TABLE public.orders", card.SuggestionSource, StringComparison.Ordinal);
        Assert.Equal(world.Restorer.Window, card.Window);
        Assert.Equal(StartsAt.AddHours(-1), advisor.AskedSince);
    }

    [Fact]
    public async Task Suggests_the_alert_start_minus_the_margin_without_an_advisor_or_when_it_fails()
    {
        var plain = await Handler().Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);
        var failing = await Handler(new Advisor { Fails = true }).Handle(new ReceiveAlert(Group("g2", AlertStatus.Firing)), CancellationToken.None);

        Assert.Equal([AlertIntakeOutcome.Posted, AlertIntakeOutcome.Posted], [plain.Outcome, failing.Outcome]);
        Assert.All(channel.Posted, p => Assert.Equal(StartsAt.AddMinutes(-2), p.Card.SuggestedTarget));
        Assert.All(channel.Posted, p => Assert.Equal("alert start − 2m 00s", p.Card.SuggestionSource));
    }

    [Fact]
    public async Task Nothing_starts_and_nothing_is_restored_when_an_alert_is_posted()
    {
        await Handler().Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);

        Assert.Empty(await world.Store.ListRecentAsync(null, 10, CancellationToken.None));
        Assert.Equal(0, world.Log.Count("restorer.Start"));
    }

    [Fact]
    public async Task Duplicate_when_the_group_is_already_posted()
    {
        var handler = Handler();

        await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);
        var repeat = await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);

        Assert.Equal(AlertIntakeOutcome.Duplicate, repeat.Outcome);
        Assert.Single(channel.Posted);
    }

    [Fact]
    public async Task Resolved_once_and_posted_anew_when_the_group_fires_again()
    {
        var handler = Handler();
        await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);

        var resolved = await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Resolved, endsAt: StartsAt.AddMinutes(9))), CancellationToken.None);
        var again = await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Resolved, endsAt: StartsAt.AddMinutes(9))), CancellationToken.None);
        var refired = await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);

        Assert.Equal([AlertIntakeOutcome.Resolved, AlertIntakeOutcome.Ignored, AlertIntakeOutcome.Posted], [resolved.Outcome, again.Outcome, refired.Outcome]);
        var (message, card, at) = Assert.Single(channel.Resolved);
        Assert.Equal(channel.Messages[0], message);
        Assert.Equal("g1", card.GroupKey);
        Assert.Equal(StartsAt.AddMinutes(9), at);
        Assert.Equal(2, channel.Posted.Count);
    }

    [Fact]
    public async Task Ignored_when_no_alert_in_the_group_is_configured_or_the_database_is_unknown()
    {
        var other = await Handler().Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing, name: "HighLatency")), CancellationToken.None);
        var unknown = await Handler().Handle(new ReceiveAlert(Group("g2", AlertStatus.Firing, database: "billing")), CancellationToken.None);

        Assert.Equal([AlertIntakeOutcome.Ignored, AlertIntakeOutcome.Ignored], [other.Outcome, unknown.Outcome]);
        Assert.Contains("billing", unknown.Detail, StringComparison.Ordinal);
        Assert.Empty(channel.Posted);
        Assert.Empty(log.Groups);
    }

    [Fact]
    public async Task Not_posted_and_tried_again_on_the_next_notification_when_the_channel_refuses()
    {
        var handler = Handler();
        channel.Refuse = true;
        var refused = await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);
        channel.Refuse = false;
        var retried = await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);

        Assert.Equal([AlertIntakeOutcome.NotPosted, AlertIntakeOutcome.Posted], [refused.Outcome, retried.Outcome]);
        Assert.Single(channel.Posted);
    }

    [Fact]
    public async Task Posted_without_a_window_when_the_engine_cannot_say_it()
    {
        var handler = new ReceiveAlertHandler(new FakeCatalog(Binding(null) with { Restorer = new BrokenRestorer() }), channel, log, world.Store, rules, new FakeTimeProvider(StartsAt));

        var result = await handler.Handle(new ReceiveAlert(Group("g1", AlertStatus.Firing)), CancellationToken.None);

        Assert.Equal(AlertIntakeOutcome.Posted, result.Outcome);
        Assert.Null(Assert.Single(channel.Posted).Card.Window);
    }

    private ReceiveAlertHandler Handler(IRecoveryPointAdvisor? advisor = null) =>
        new(new FakeCatalog(Binding(advisor)), channel, log, world.Store, rules, new FakeTimeProvider(StartsAt.AddMinutes(1)));

    private DatabaseBinding Binding(IRecoveryPointAdvisor? advisor) =>
        new("orders", world.Restorer, world.Validation, world.Secrets, world.Workloads, world.Health, world.Policy, advisor);

    private static AlertGroup Group(string key, AlertStatus status, string name = "DataCorruptionSuspected", string database = "orders", DateTimeOffset? endsAt = null)
    {
        var labels = new Dictionary<string, string> { ["alertname"] = name, ["database"] = database };
        return new AlertGroup(key, status, labels, [
            new ReceivedAlert(status, labels, new Dictionary<string, string> { ["summary"] = "rows vanished" }, StartsAt, endsAt),
        ]);
    }

    private sealed class Advisor(params RecoveryPointSuggestion[] suggestions) : IRecoveryPointAdvisor
    {
        public bool Fails { get; init; }

        public DateTimeOffset? AskedSince { get; private set; }

        public ValueTask<IReadOnlyList<RecoveryPointSuggestion>> SuggestAsync(DateTimeOffset since, CancellationToken cancellationToken)
        {
            AskedSince = since;
            return Fails ? throw new IOException("pg_waldump failed") : ValueTask.FromResult<IReadOnlyList<RecoveryPointSuggestion>>(suggestions);
        }
    }

    private sealed class BrokenRestorer : IDatabaseRestorer
    {
        public ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) => throw new HttpRequestException("Throttling");

        public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class AlertChannel : IIncidentChannel
    {
        public bool Refuse { get; set; }

        public List<(string Channel, AlertCard Card)> Posted { get; } = [];

        public List<MessageRef> Messages { get; } = [];

        public List<(MessageRef Message, AlertCard Card, DateTimeOffset At)> Resolved { get; } = [];

        public ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken)
        {
            if (Refuse)
            {
                return ValueTask.FromResult<MessageRef?>(null);
            }

            Posted.Add((channel, card));
            Messages.Add(new MessageRef(channel, $"{Messages.Count + 1}"));
            return ValueTask.FromResult<MessageRef?>(Messages[^1]);
        }

        public ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
        {
            Resolved.Add((message, card, resolvedAt));
            return ValueTask.CompletedTask;
        }

        public string Name => "alerts";

        public ValueTask<MessageRef?> PostHeaderAsync(RecoveryView view, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask UpdateHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<ThreadPost> PostInThreadAsync(MessageRef header, RecoveryView view, AuditEntry entry, IReadOnlyList<RecoveryAction> actions, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask CloseActionsAsync(MessageRef message, RecoveryView view, AuditEntry offeredWith, AuditEntry closedBy, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask PostProgressAsync(MessageRef header, string recoveryId, IReadOnlyDictionary<string, string> workloads, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    /// <summary>The alert log's rules, in memory: claim new or resolved groups only.</summary>
    private sealed class MemoryAlertLog : IAlertLog
    {
        public Dictionary<string, (string State, PostedAlert? Posted)> Groups { get; } = [];

        public ValueTask<bool> TryClaimAsync(string groupKey, DateTimeOffset at, CancellationToken cancellationToken)
        {
            if (Groups.TryGetValue(groupKey, out var group) && group.State != "resolved")
            {
                return ValueTask.FromResult(false);
            }

            Groups[groupKey] = ("claimed", null);
            return ValueTask.FromResult(true);
        }

        public ValueTask ReleaseAsync(string groupKey, CancellationToken cancellationToken)
        {
            Groups.Remove(groupKey);
            return ValueTask.CompletedTask;
        }

        public ValueTask RecordPostedAsync(string groupKey, AlertCard card, MessageRef message, CancellationToken cancellationToken)
        {
            Groups[groupKey] = ("posted", new PostedAlert(card, message));
            return ValueTask.CompletedTask;
        }

        public ValueTask<PostedAlert?> TryResolveAsync(string groupKey, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
        {
            if (!Groups.TryGetValue(groupKey, out var group) || group.State != "posted")
            {
                return ValueTask.FromResult<PostedAlert?>(null);
            }

            Groups[groupKey] = ("resolved", group.Posted);
            return ValueTask.FromResult(group.Posted);
        }
    }
}
