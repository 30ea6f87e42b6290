using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Hosting;

/// <summary>A person's action is acted on when it is saved, not at the runner's next look: the real host, with a runner that looks once a minute.</summary>
public sealed class PersonActionWakeUpTests
{
    /// <summary>Generous: a functional check that the wake-up exists, not a speed assertion. Without it the restore waits a full tick.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Requests_the_restore_after_a_confirm_click_without_waiting_for_the_runners_tick()
    {
        await using var bot = await SlackBot.StartAsync(["orders"], false,
            "--Pitr:Runner:Tick=00:01:00",
            "--Pitr:Runner:ErrorBackoff=00:10:00",
            "--Pitr:Databases:orders:Policy:PollInterval=00:05:00");

        await bot.CommandAsync($"start {TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10))}", Alice);
        var confirm = await bot.ButtonAsync("pitr.confirm"); // the plan itself is told because its saving woke the dispatcher
        var planned = await bot.WaitForAsync(r => r.State == RecoveryState.Requested, "was planned");
        await bot.ClickAsync(confirm, Alice);

        var engine = bot.Restorers["orders"];
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!engine.Started.ContainsKey(planned.CurrentAttempt.Identifier))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline,
                $"The engine was not asked to restore {planned.CurrentAttempt.Identifier} within {Patience.TotalSeconds} s of Confirm (runner tick 1 min).");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(planned.CurrentAttempt.Target, engine.Started[planned.CurrentAttempt.Identifier]);
    }
}
