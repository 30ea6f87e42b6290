using Pitr.Domain;

namespace Pitr.Bot.Tests.Alerts;

/// <summary>A real Alertmanager delivering its own notifications (grouping, repeats, resolution) to the bot's endpoint.</summary>
public sealed class AlertmanagerIntakeTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string store = Path.Combine(Path.GetTempPath(), $"pitr-alerts-{Guid.NewGuid():N}.db");
    private readonly RecordingIncidentChannel channel = new();
    private AlertIntakeHost bot = null!;
    private AlertmanagerServer alertmanager = null!;

    public async ValueTask InitializeAsync()
    {
        bot = new AlertIntakeHost(store, channel);
        await bot.StartAsync();
        alertmanager = new AlertmanagerServer(new Uri(bot.Url, "alerts/alertmanager"), AlertIntakeHost.Token);
        await alertmanager.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await alertmanager.DisposeAsync();
        await bot.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(store)!, Path.GetFileName(store) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task One_card_per_group_however_often_alertmanager_repeats_it()
    {
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        await alertmanager.SendAsync(Corruption("orders"), startsAt);

        await UntilAsync(() => bot.Claims.Count >= 3);

        var (postedTo, card, _) = Assert.Single(channel.Posted);
        Assert.Equal(AlertIntakeHost.IncidentChannel, postedTo);
        Assert.Equal("DataCorruptionSuspected", card.AlertName);
        Assert.Equal("orders", card.Database);
        Assert.Equal("Rows vanished from public.orders", card.Summary);
        Assert.Equal(TestCatalog.Window, card.Window);
        Assert.Equal(TimeFormat.Utc(startsAt.AddMinutes(-2)), TimeFormat.Utc(card.SuggestedTarget));
        Assert.Equal("alert start − 2m 00s", card.SuggestionSource);
        Assert.All(bot.Claims, key => Assert.Equal(card.GroupKey, key));
    }

    [Fact]
    public async Task Resolved_notification_marks_the_card_resolved_once()
    {
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await alertmanager.SendAsync(Corruption("orders"), startsAt);
        await UntilAsync(() => !channel.Posted.IsEmpty);

        await alertmanager.SendAsync(Corruption("orders"), startsAt, endsAt: DateTimeOffset.UtcNow.AddSeconds(-1));
        await UntilAsync(() => !channel.Resolved.IsEmpty);

        var (message, card, resolvedAt) = Assert.Single(channel.Resolved);
        var posted = Assert.Single(channel.Posted);
        Assert.Equal(posted.Message, message);
        Assert.Equal(posted.Card.GroupKey, card.GroupKey);
        Assert.True(resolvedAt > startsAt);
    }

    [Fact]
    public async Task Each_group_gets_its_own_card_and_other_alerts_none()
    {
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await alertmanager.SendAsync(new Dictionary<string, string> { ["alertname"] = "HighLatency", ["database"] = "orders" }, startsAt);
        await alertmanager.SendAsync(Corruption("orders"), startsAt);
        await alertmanager.SendAsync(Corruption("billing"), startsAt);

        await UntilAsync(() => bot.Claims.Count >= 6);

        Assert.Equal(2, channel.Posted.Count);
        Assert.Equal(["billing", "orders"], channel.Posted.Select(p => p.Card.Database).Order());
        Assert.Equal(2, channel.Posted.Select(p => p.Card.GroupKey).Distinct().Count());
        Assert.DoesNotContain(channel.Posted, p => p.Card.AlertName == "HighLatency");
    }

    [Fact]
    public async Task A_restarted_bot_does_not_post_a_group_again()
    {
        await alertmanager.SendAsync(Corruption("orders"), DateTimeOffset.UtcNow.AddMinutes(-1));
        await UntilAsync(() => !channel.Posted.IsEmpty);

        await bot.DisposeAsync();
        var restarted = new AlertIntakeHost(store, channel);
        await using (restarted)
        {
            await restarted.StartAsync();
            await using var secondAlertmanager = new AlertmanagerServer(new Uri(restarted.Url, "alerts/alertmanager"), AlertIntakeHost.Token);
            await secondAlertmanager.StartAsync();
            await secondAlertmanager.SendAsync(Corruption("orders"), DateTimeOffset.UtcNow.AddMinutes(-1));

            await UntilAsync(() => restarted.Claims.Count >= 2);
        }

        Assert.Single(channel.Posted);
    }

    private static Dictionary<string, string> Corruption(string database) => new()
    {
        ["alertname"] = "DataCorruptionSuspected",
        ["database"] = database,
        ["severity"] = "critical",
    };

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test, naming the condition, after <see cref="Patience"/>.</summary>
    private static async Task UntilAsync(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string what = "")
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited {Patience.TotalSeconds} s for {what}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
