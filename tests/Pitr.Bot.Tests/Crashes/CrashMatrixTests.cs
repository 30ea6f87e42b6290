using System.Text.Json.Nodes;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Tests.Crashes;

/// <summary>
/// The real <c>pitr serve</c> killed outright (SIGKILL) at the points of a recovery where a side effect is under way,
/// and started again at once: after a Reject (the second attempt's copy running), during the cutover, during the
/// rollback. Each time the new process resumes to the state a person expects, and no side effect happens twice.
/// </summary>
[Collection(OneServedBotAtATime.Name)]
public sealed class CrashMatrixTests
{
    [Fact]
    public async Task Resumes_with_every_side_effect_once_when_killed_after_a_reject_during_the_cutover_and_during_the_rollback()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bot = await ServedBot.StartAsync(fillerMegabytes: 400, cancellationToken);
        (await bot.CommandAsync($"start {Domain.TimeFormat.Utc(bot.RecoverableAt)} demo", ServedBot.Alice)).EnsureSuccessStatusCode();
        var id = await bot.NewestRecoveryAsync(null, cancellationToken);
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.Requested);
        (await bot.ClickAsync(RecoveryTrigger.Confirm, id, RecoveryState.Requested, ServedBot.Alice)).EnsureSuccessStatusCode();
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.AwaitingApproval);

        // After a Reject: killed while the second attempt's copy runs.
        (await bot.RejectAsync(id, bot.RecoverableAt, bot.EarlierRecoverableAt, ServedBot.Bob)).EnsureSuccessStatusCode();
        var secondCopy = Path.Combine(bot.Environment.WorkDir, $"pitr-{id}-a2", "data.partial");
        while (!Directory.Exists(secondCopy))
        {
            await Task.Delay(5, cancellationToken);
        }

        await Task.Delay(150, cancellationToken);
        await bot.KillAsync();
        await bot.ServeAsync(cancellationToken);
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.AwaitingApproval);

        // During the cutover: killed as soon as the recovery leaves AwaitingApproval.
        (await bot.ClickAsync(RecoveryTrigger.Approve, id, RecoveryState.AwaitingApproval, ServedBot.Bob)).EnsureSuccessStatusCode();
        var killedIn = await KillOnLeavingAsync(bot, id, RecoveryState.AwaitingApproval, cancellationToken);
        await bot.ServeAsync(cancellationToken);
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.Completed);

        // During the rollback.
        (await bot.CommandAsync($"rollback {id}", ServedBot.Alice)).EnsureSuccessStatusCode();
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.RollingBack, RecoveryState.RolledBack);
        await bot.KillAsync();
        await bot.ServeAsync(cancellationToken);
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.RolledBack);

        TestContext.Current.TestOutputHelper?.WriteLine($"the cutover kill landed in {killedIn}");
        Assert.Equal(2, await bot.AuditCountAsync(id, "RestoreRequested", cancellationToken));
        Assert.Equal(1, await bot.AuditCountAsync(id, "SecretUpdated", cancellationToken));
        Assert.Equal(1, await bot.AuditCountAsync(id, "RolloutCompleted", cancellationToken));
        Assert.Equal(1, await bot.AuditCountAsync(id, "RollbackCompleted", cancellationToken));
        Assert.EndsWith("-a2", Assert.Single(Directory.GetDirectories(bot.Environment.WorkDir)), StringComparison.Ordinal);
        var secret = JsonNode.Parse(await File.ReadAllTextAsync(bot.Environment.SecretFile, cancellationToken))!;
        Assert.Equal(bot.Environment.Primary.Server.Port, secret["port"]!.GetValue<int>());
        Assert.DoesNotContain(bot.ProcessesUnderWorkDir(), p => p.Contains(" cp ", StringComparison.Ordinal));
    }

    /// <summary>Kills the bot the moment the store shows the recovery past <paramref name="from"/>; returns the state it was killed in.</summary>
    private static async Task<RecoveryState> KillOnLeavingAsync(ServedBot bot, string id, RecoveryState from, CancellationToken cancellationToken)
    {
        var state = from;
        while (state == from)
        {
            await Task.Delay(2, cancellationToken);
            state = await bot.StateAsync(id, cancellationToken);
        }

        await bot.KillAsync();
        return state;
    }
}
