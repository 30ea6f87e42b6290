using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Tests.Crashes;

/// <summary>
/// The real <c>pitr serve</c> killed (SIGKILL, its children left running) while it copies a base backup, and
/// started again at once: the new process must stop the orphaned copy before it redoes it, never race it.
/// </summary>
[Collection(OneServedBotAtATime.Name)]
public sealed class CrashDuringCopyTests
{
    private const int Tries = 10;

    [Fact]
    public async Task Every_drill_completes_with_one_restore_and_no_orphan_when_the_bot_is_killed_during_the_copy_and_restarted_at_once()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bot = await ServedBot.StartAsync(fillerMegabytes: 1200, cancellationToken);
        var random = new Random(12);
        var killedMidCopy = 0;
        string? previous = null;
        for (var i = 0; i < Tries; i++)
        {
            (await bot.CommandAsync("drill demo", ServedBot.Alice)).EnsureSuccessStatusCode();
            var id = await bot.NewestRecoveryAsync(previous, cancellationToken);
            previous = id;
            await bot.WaitForAsync(id, cancellationToken, RecoveryState.Requested);
            (await bot.ClickAsync(RecoveryTrigger.Confirm, id, RecoveryState.Requested, ServedBot.Alice)).EnsureSuccessStatusCode();

            var partial = Path.Combine(bot.Environment.WorkDir, $"pitr-{id}-a1", "data.partial");
            await WaitUntilAsync(() => Directory.Exists(partial), "the copy never started", 5, cancellationToken);

            await Task.Delay(TimeSpan.FromMilliseconds(100 + random.Next(400)), cancellationToken);
            await bot.KillAsync();
            if (bot.ProcessesUnderWorkDir().Any(p => p.Contains(" cp ", StringComparison.Ordinal)))
            {
                killedMidCopy++;
            }

            await bot.ServeAsync(cancellationToken);
            if (await bot.WaitForAsync(id, cancellationToken, RecoveryState.AwaitingApproval, RecoveryState.Completed) == RecoveryState.AwaitingApproval)
            {
                Assert.Single(Directory.GetDirectories(bot.Environment.WorkDir));
                (await bot.ClickAsync(RecoveryTrigger.Approve, id, RecoveryState.AwaitingApproval, ServedBot.Bob)).EnsureSuccessStatusCode();
                await bot.WaitForAsync(id, cancellationToken, RecoveryState.Completed);
            }

            Assert.Equal(1, await bot.AuditCountAsync(id, "RestoreRequested", cancellationToken));
            await WaitUntilAsync(() => bot.ProcessesUnderWorkDir().Count == 0 && Directory.GetDirectories(bot.Environment.WorkDir).Length == 0,
                $"left behind: {string.Join(", ", bot.ProcessesUnderWorkDir())} {string.Join(", ", Directory.GetDirectories(bot.Environment.WorkDir))}", 50, cancellationToken);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{killedMidCopy} of {Tries} kills landed while cp ran; every drill completed");

        // The kill must have hit copies under way, or this test proves nothing about them.
        Assert.True(killedMidCopy >= Tries / 2, $"only {killedMidCopy} of {Tries} kills landed while cp ran");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure, int pollMilliseconds, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), failure);
            await Task.Delay(pollMilliseconds, cancellationToken);
        }
    }
}
