using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain.Recoveries;
using Pitr.Tests.Slack.Support;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>What the thread says, as Slack receives it: a whole recovery driven through the real host by pressing the posted buttons.</summary>
public sealed class SlackThreadWordingTests : IAsyncLifetime
{
    private const string HeaderTs = "1700000000.000001";
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    /// <summary>Ten minutes ago, to the microsecond, as a person would paste it from a log line.</summary>
    private static string TypedTarget(out DateTimeOffset instant)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-10);
        instant = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)).AddTicks(4_539_560);
        return instant.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Tells_a_recovery_with_mentions_exact_times_skipped_steps_and_a_short_report_with_its_chart()
    {
        var typed = TypedTarget(out var instant);
        var incident = instant.AddSeconds(4.2);
        await bot.CommandAsync($"start {typed} --incident {incident.ToString("O", CultureInfo.InvariantCulture)}", Alice);
        await bot.ClickAsync(await bot.ButtonAsync("pitr.confirm"), Alice);
        await bot.ClickAsync(await bot.ButtonAsync("pitr.approve"), Bob);
        var done = await bot.WaitForAsync(r => r.State == RecoveryState.Completed, "completed");
        await bot.Slack.WaitForAsync(c => c.Method == "files.completeUploadExternal", "the chart shared", TimeSpan.FromSeconds(20));
        await bot.CommandAsync($"status {done.Id}", Bob);
        var status = Said(await bot.EphemeralToAsync(Bob, "Recovery report"));
        await bot.DrainAsync();

        Assert.True(status.Length < 1500, $"the status is {status.Length} characters: {status}");
        Assert.Contains("data-loss window 4.2s", status, StringComparison.Ordinal);

        Assert.Equal(instant, done.CurrentAttempt.Target);
        var posts = bot.Slack.CallsTo("chat.postMessage").ToList();
        Assert.Single(posts, p => p.Json["thread_ts"] is null);
        var thread = posts.Where(p => p.Json["thread_ts"]?.GetValue<string>() == HeaderTs).Select(Said).ToList();
        var everything = string.Join("\n", bot.Slack.Calls.Where(c => c.Method is "chat.postMessage" or "chat.update").Select(c => Blocks(c)));
        Assert.DoesNotContain("@alice", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("@bob", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;lt;", everything, StringComparison.Ordinal);

        var plan = thread.Single(t => t.Contains("plan", StringComparison.Ordinal));
        Assert.Contains("requested by <@UALICE>", plan, StringComparison.Ordinal);
        Assert.Contains($"Restore to *{typed}*", plan, StringComparison.Ordinal);
        Assert.Contains("is given up: 4.2s", plan, StringComparison.Ordinal);
        var approval = thread.Single(t => t.StartsWith("Validation of", StringComparison.Ordinal));
        Assert.Contains("<!subteam^SONCALL> <@UBOB> Approve the cutover (someone other than <@UALICE>)", approval, StringComparison.Ordinal);
        Assert.Contains(thread, t => t.StartsWith("No workloads configured: nothing restarted.", StringComparison.Ordinal));

        var report = thread.Single(t => t.Contains("Recovery report", StringComparison.Ordinal));
        Assert.StartsWith("No health probe configured: health not checked.\n<@UALICE> *Recovery report*", report, StringComparison.Ordinal);
        Assert.True(report.Length < 1500, $"the report is {report.Length} characters: {report}");
        foreach (var expected in new[] { $"Target {typed}", "data-loss window 4.2s", "of the 15m 00s budget", "rollout skipped (no workloads configured)", "health skipped (no health probe configured)", "Validated: 1/1 checks passed", "Approved by <@UBOB>", $"`/pitr audit {done.Id}`" })
        {
            Assert.Contains(expected, report, StringComparison.Ordinal);
        }

        AssertChartShared(done.Id);
    }

    [Fact]
    public async Task Keeps_the_header_on_the_recoverys_state_and_asks_before_every_danger_button()
    {
        TypedTarget(out var instant);
        await bot.CommandAsync($"start {instant:O}", Alice);
        var header = await bot.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Json["thread_ts"] is null, "header post");
        Assert.Equal(nameof(RecoveryState.Requested), HeaderState(header));

        await bot.ClickAsync(await bot.ButtonAsync("pitr.confirm"), Alice);
        await bot.WaitForAsync(r => r.State == RecoveryState.AwaitingApproval, "awaited approval");
        await bot.Slack.WaitForAsync(c => IsHeaderEdit(c) && HeaderState(c) == nameof(RecoveryState.AwaitingApproval), "header at AwaitingApproval", TimeSpan.FromSeconds(2));
        var abort = await bot.ButtonAsync("pitr.abort");
        Assert.NotNull(abort["confirm"]);

        await bot.ClickAsync(await bot.ButtonAsync("pitr.approve"), Bob);
        await bot.WaitForAsync(r => r.State == RecoveryState.Completed, "completed");
        await bot.Slack.WaitForAsync(c => IsHeaderEdit(c) && HeaderState(c) == nameof(RecoveryState.Completed), "header at Completed", TimeSpan.FromSeconds(2));
        await bot.DrainAsync();

        var path = new[] { RecoveryState.Requested, RecoveryState.Restoring, RecoveryState.Validating, RecoveryState.AwaitingApproval, RecoveryState.CuttingOver, RecoveryState.Restarting, RecoveryState.Verifying, RecoveryState.Completed };
        var shown = bot.Slack.Calls.Where(IsHeaderEdit).Select(c => Enum.Parse<RecoveryState>(HeaderState(c))).ToList();
        Assert.Equal(shown.OrderBy(s => Array.IndexOf(path, s)), shown);
        Assert.Equal(RecoveryState.Completed, shown[^1]);
        var lastHeader = Blocks(bot.Slack.Calls.Last(IsHeaderEdit));
        Assert.DoesNotContain("pitr.approve", lastHeader, StringComparison.Ordinal);
        Assert.DoesNotContain("pitr.decommission", lastHeader, StringComparison.Ordinal);
        var rollback = bot.Slack.Calls.Last(IsHeaderEdit).Json["blocks"]!.AsArray().Last()!["elements"]!.AsArray().Single(b => b!["action_id"]!.GetValue<string>() == "pitr.rollback")!;
        Assert.Equal("Roll back?", rollback["confirm"]!["title"]!["text"]!.GetValue<string>());
        Assert.Contains(bot.Slack.CallsTo("chat.update"), c => Blocks(c).Contains("Approved by <@UBOB> at", StringComparison.Ordinal));
        Assert.Contains(bot.Slack.CallsTo("chat.update"), c => Blocks(c).Contains("Confirmed by <@UALICE> at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Posts_the_report_without_a_chart_when_slack_refuses_the_upload()
    {
        bot.Slack.Refusing["files.getUploadURLExternal"] = "missing_scope";
        TypedTarget(out var instant);
        await bot.CommandAsync($"start {instant:O}", Alice);
        await bot.ClickAsync(await bot.ButtonAsync("pitr.confirm"), Alice);
        await bot.ClickAsync(await bot.ButtonAsync("pitr.approve"), Bob);
        await bot.WaitForAsync(r => r.State == RecoveryState.Completed, "completed");
        await bot.Slack.WaitForAsync(c => c.Method == "files.getUploadURLExternal", "the upload asked for", TimeSpan.FromSeconds(20));
        await bot.DrainAsync();

        Assert.Single(bot.Slack.CallsTo("chat.postMessage"), c => Said(c).Contains("Recovery report", StringComparison.Ordinal));
        Assert.Empty(bot.Slack.Uploads);
        Assert.Empty(bot.Slack.CallsTo("files.completeUploadExternal"));
    }

    /// <summary>The three calls of Slack's external upload, in order, carrying a PNG of the chart's size into the recovery's thread.</summary>
    private void AssertChartShared(string recoveryId)
    {
        var calls = bot.Slack.Calls.Where(c => c.Method is "files.getUploadURLExternal" or "upload" or "files.completeUploadExternal").ToList();
        Assert.Equal(["files.getUploadURLExternal", "upload", "files.completeUploadExternal"], calls.Select(c => c.Method));
        var (ask, upload, complete) = (calls[0], calls[1], calls[2]);
        Assert.Equal("Bearer xoxb-test-token", ask.Authorization);
        Assert.Equal($"pitr-{recoveryId}-timeline.png", ask.Form["filename"]);
        var fileId = upload.Form["file_id"];
        var png = bot.Slack.Uploads[fileId];
        Assert.Equal(png.Length.ToString(CultureInfo.InvariantCulture), ask.Form["length"]);
        Assert.Equal("", upload.Authorization);
        Assert.Equal(Channel, complete.Form["channel_id"]);
        Assert.Equal(HeaderTs, complete.Form["thread_ts"]);
        var shared = Assert.Single(JsonNode.Parse(complete.Form["files"])!.AsArray())!;
        Assert.Equal(fileId, shared["id"]!.GetValue<string>());
        Assert.Equal($"Timeline of {recoveryId}", shared["title"]!.GetValue<string>());

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(900, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>A message's blocks as JSON with &lt; and &gt; left as Slack reads them.</summary>
    private static string Blocks(RecordedCall call) =>
        call.Json["blocks"]?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";

    private static bool IsHeaderEdit(RecordedCall call) => call.Method == "chat.update" && call.Json["ts"]?.GetValue<string>() == HeaderTs;

    private static string HeaderState(RecordedCall call) =>
        call.Json["blocks"]![1]!["fields"]![0]!["text"]!.GetValue<string>().Split('\n')[1];
}
