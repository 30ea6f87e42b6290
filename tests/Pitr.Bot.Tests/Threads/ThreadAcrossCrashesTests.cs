using System.Net;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Bot.Tests.Threads;

/// <summary>
/// The thread as the incident record, checked from outside on real <c>pitr serve</c> processes: whatever process
/// dies and wherever Slack fails, the thread ends with every step's message exactly once, in audit order, under
/// one header showing the final state.
/// </summary>
public sealed class ThreadAcrossCrashesTests
{
    public enum KillAfter { Start, Confirm, Approve }

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(KillAfter.Start)]
    [InlineData(KillAfter.Confirm)]
    [InlineData(KillAfter.Approve)]
    public async Task Tells_every_step_once_in_order_under_the_final_header_when_one_of_two_replicas_on_postgres_is_killed(KillAfter kill)
    {
        await using var bot = await ServedReplicas.StartAsync(postgresStore: true, replicas: 2, TestContext.Current.CancellationToken);
        var id = await RecoverAsync(bot, kill, restartAtOnce: false).WaitAsync(Limit, TestContext.Current.CancellationToken);
        await AssertThreadIsTheRecordAsync(bot, id);
    }

    [Theory]
    [InlineData(KillAfter.Start)]
    [InlineData(KillAfter.Confirm)]
    [InlineData(KillAfter.Approve)]
    public async Task Tells_every_step_once_in_order_under_the_final_header_when_the_one_host_on_sqlite_is_killed_and_restarted(KillAfter kill)
    {
        await using var bot = await ServedReplicas.StartAsync(postgresStore: false, replicas: 1, TestContext.Current.CancellationToken);
        var id = await RecoverAsync(bot, kill, restartAtOnce: true).WaitAsync(Limit, TestContext.Current.CancellationToken);
        await AssertThreadIsTheRecordAsync(bot, id);
    }

    /// <summary>A 60 s outage: 30 s of HTTP 500 (posts taken all the same, the worst case) then 30 s of 429 (Retry-After 1).</summary>
    [Fact]
    public async Task Delays_but_neither_loses_nor_reorders_a_message_and_reports_itself_behind_while_slack_is_down()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bot = await ServedReplicas.StartAsync(postgresStore: false, replicas: 1, cancellationToken,
            new Dictionary<string, string> { ["Pitr:Runner:ThreadBehindLimit"] = "00:00:02" });
        (await bot.CommandAsync(0, $"start {bot.Target:O} demo", ServedReplicas.Alice)).EnsureSuccessStatusCode();
        var id = (await bot.RecoveryAsync(cancellationToken)).Id;
        (await bot.ClickAsync(0, RecoveryTrigger.Confirm, id, RecoveryState.Requested, ServedReplicas.Alice)).EnsureSuccessStatusCode();
        await WaitForEventAsync<Confirmed>(bot, id, cancellationToken);

        bot.Slack.GoDown(serverErrors: TimeSpan.FromSeconds(30), rateLimited: TimeSpan.FromSeconds(30), retryAfterSeconds: 1, takesPosts: true);
        var behind = await WaitForReadinessAsync(bot, HttpStatusCode.ServiceUnavailable, "thread dispatcher behind", cancellationToken);
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.AwaitingApproval);
        (await bot.ClickAsync(0, RecoveryTrigger.Approve, id, RecoveryState.AwaitingApproval, ServedReplicas.Bob)).EnsureSuccessStatusCode();
        await bot.WaitForAsync(id, cancellationToken, RecoveryState.Completed).WaitAsync(Limit, cancellationToken);
        await bot.WaitUntilToldAsync(id, cancellationToken).WaitAsync(Limit, cancellationToken);
        var caughtUp = await WaitForReadinessAsync(bot, HttpStatusCode.OK, "\"thread\":{\"status\":\"Healthy\"", cancellationToken);
        var metrics = await (await bot.GetAsync(0, "/metrics")).Content.ReadAsStringAsync(cancellationToken);

        Assert.True(bot.Slack.TakenDespiteFailure > 0, "no post was taken while Slack answered 500: the worst case went untested");
        Assert.Contains("\"thread\":{\"status\":\"Unhealthy\"", behind, StringComparison.Ordinal);
        Assert.StartsWith("{\"status\":\"Healthy\"", caughtUp, StringComparison.Ordinal);
        Assert.Contains("pitr_thread_pending_announcements 0", metrics, StringComparison.Ordinal);
        Assert.Contains("pitr_thread_oldest_pending_seconds 0", metrics, StringComparison.Ordinal);
        await AssertThreadIsTheRecordAsync(bot, id);
    }

    /// <summary>Start on replica 0, then Confirm and Approve alternating between replicas; the person action named by <paramref name="kill"/> goes to replica 0, which is killed the moment the action is saved.</summary>
    private static async Task<string> RecoverAsync(ServedReplicas bot, KillAfter kill, bool restartAtOnce)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var killed = false;
        async Task KillIfAsync(KillAfter now)
        {
            if (now == kill)
            {
                await bot.KillAsync(0);
                killed = true;
                if (restartAtOnce)
                {
                    await bot.ServeAsync(0, cancellationToken);
                    killed = false;
                }
            }
        }

        int To(KillAfter action, int otherwise) => action == kill ? 0 : killed ? 1 : otherwise;

        (await bot.CommandAsync(0, $"start {bot.Target:O} demo", ServedReplicas.Alice)).EnsureSuccessStatusCode();
        var id = (await bot.RecoveryAsync(cancellationToken)).Id;
        await KillIfAsync(KillAfter.Start);

        (await bot.ClickAsync(To(KillAfter.Confirm, otherwise: bot.Replicas - 1), RecoveryTrigger.Confirm, id, RecoveryState.Requested, ServedReplicas.Alice)).EnsureSuccessStatusCode();
        await WaitForEventAsync<Confirmed>(bot, id, cancellationToken);
        await KillIfAsync(KillAfter.Confirm);

        await bot.WaitForAsync(id, cancellationToken, RecoveryState.AwaitingApproval);
        (await bot.ClickAsync(To(KillAfter.Approve, otherwise: 0), RecoveryTrigger.Approve, id, RecoveryState.AwaitingApproval, ServedReplicas.Bob)).EnsureSuccessStatusCode();
        await WaitForEventAsync<Approved>(bot, id, cancellationToken);
        await KillIfAsync(KillAfter.Approve);

        await bot.WaitForAsync(id, cancellationToken, RecoveryState.Completed);
        await bot.WaitUntilToldAsync(id, cancellationToken);
        return id;
    }

    private static async Task AssertThreadIsTheRecordAsync(ServedReplicas bot, string id)
    {
        var trail = await bot.Store.GetAuditTrailAsync(id, TestContext.Current.CancellationToken);
        var header = Assert.Single(bot.Slack.Messages, m => m.Kind == "pitr_header");
        var told = bot.Slack.Replies(header.Ts).Where(m => m.Kind == "pitr_step").Select(m => m.Seq!.Value).ToList();
        var lastHeaderEdit = bot.Slack.CallsTo("chat.update").Last(c => c.Json["ts"]?.GetValue<string>() == header.Ts);

        Assert.Equal(trail.Where(e => e.Event is not (Refused or NotAdmitted or LegacyEntry)).Select(e => e.Seq), told);
        Assert.Contains(": Completed,", lastHeaderEdit.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task WaitForEventAsync<T>(ServedReplicas bot, string id, CancellationToken cancellationToken)
        where T : RecoveryEvent
    {
        while (!(await bot.Store.GetAuditTrailAsync(id, cancellationToken)).Any(e => e.Event is T))
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <returns>The readiness report once <c>/readyz</c> answers <paramref name="status"/> saying <paramref name="saying"/>.</returns>
    private static async Task<string> WaitForReadinessAsync(ServedReplicas bot, HttpStatusCode status, string saying, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await bot.GetAsync(0, "/readyz");
            var report = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == status && report.Contains(saying, StringComparison.Ordinal))
            {
                return report;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
