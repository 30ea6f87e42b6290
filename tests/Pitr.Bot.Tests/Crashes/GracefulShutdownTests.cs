using Pitr.Domain;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Tests.Crashes;

/// <summary>
/// SIGTERM, as Kubernetes sends it before it kills a pod, to the real <c>pitr serve</c> while a step runs: the
/// process exits on its own within the 30 s a pod is given, leaves the step resumable, and the next process
/// finishes the recovery with every side effect once.
/// </summary>
[Collection(OneServedBotAtATime.Name)]
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan PodGracePeriod = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Exits_within_30_s_and_the_next_process_completes_the_recovery_when_terminated_while_restoring_and_while_restarting()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bot = await ServedBot.StartAsync(fillerMegabytes: 400, cancellationToken);
        (await bot.CommandAsync($"start {TimeFormat.Utc(bot.RecoverableAt)} demo", ServedBot.Alice)).EnsureSuccessStatusCode();
        var id = await bot.NewestRecoveryAsync(null, cancellationToken);
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.Requested);
        (await bot.ClickAsync(RecoveryTrigger.Confirm, id, RecoveryState.Requested, ServedBot.Alice)).EnsureSuccessStatusCode();

        var partial = Path.Combine(bot.Environment.WorkDir, $"pitr-{id}-a1", "data.partial");
        while (!Directory.Exists(partial))
        {
            await Task.Delay(5, cancellationToken);
        }

        var (restoringExit, restoringTook) = await bot.TerminateAsync(PodGracePeriod);
        var leftCopying = bot.ProcessesUnderWorkDir().Where(p => p.Contains(" cp ", StringComparison.Ordinal)).ToList();
        var stateAfterRestoring = await bot.StateAsync(id, cancellationToken);

        await bot.ServeAsync(cancellationToken);
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.AwaitingApproval);
        (await bot.ClickAsync(RecoveryTrigger.Approve, id, RecoveryState.AwaitingApproval, ServedBot.Bob)).EnsureSuccessStatusCode();
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.Restarting);
        var (restartingExit, restartingTook) = await bot.TerminateAsync(PodGracePeriod);
        var stateAfterRestarting = await bot.StateAsync(id, cancellationToken);

        await bot.ServeAsync(cancellationToken);
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.Completed);

        TestContext.Current.TestOutputHelper?.WriteLine($"exited {restoringTook.TotalSeconds:0.0} s after SIGTERM while restoring, {restartingTook.TotalSeconds:0.0} s while restarting");
        Assert.Equal((0, RecoveryState.Restoring), (restoringExit, stateAfterRestoring));
        Assert.True(restoringTook < PodGracePeriod, $"took {restoringTook} to exit while restoring");
        Assert.Empty(leftCopying);
        Assert.Equal((0, RecoveryState.Restarting), (restartingExit, stateAfterRestarting));
        Assert.True(restartingTook < PodGracePeriod, $"took {restartingTook} to exit while restarting");
        Assert.Equal(1, await bot.AuditCountAsync(id, "RestoreRequested", cancellationToken));
        Assert.Equal(1, await bot.AuditCountAsync(id, "SecretUpdated", cancellationToken));
        Assert.Equal(1, await bot.AuditCountAsync(id, "RolloutCompleted", cancellationToken));
        Assert.Single(Directory.GetDirectories(bot.Environment.WorkDir));
    }
}
