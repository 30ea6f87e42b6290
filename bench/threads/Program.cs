using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Bench.Actions;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Tests.Slack.Support;

// Saved change → its message in the Slack thread, through the real bot host with the SHIPPED defaults (one
// post a second per channel, runner tick 1 s, sweep 10 s): recoveries run Start → Confirm → Approve →
// Completed from signed requests, and every audit entry's save time is paired with the time the Slack
// stand-in took the post carrying its sequence number. Raw baseline, same run: a chat.postMessage sent
// straight to the stand-in. Usage: dotnet run -c Release --project bench/threads [recoveries] [post interval]
// (the second argument overrides the pacing, to tell its share of the lag from the rest).
var recoveries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
string[] pacing = args.Length > 1 ? [$"--Pitr:Slack:PostInterval={args[1]}"] : [];
await using var slack = await SlackStandIn.StartAsync();
var effects = new SideEffects();
await using var bot = await BenchBot.StartAsync(slack.ApiBase, effects, pacing);
var store = bot.Store;
var threads = bot.App.Services.GetRequiredService<IThreadLog>();
var people = bot.People;

var lags = new List<double>();
var (duplicates, outOfOrder, missing) = (0, 0, 0);
for (var i = 0; i < recoveries; i++)
{
    await people.CommandAsync("UALICE", $"start {DateTimeOffset.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}");
    var id = (await SignedSlack.WaitAsync(async () => await store.FindActiveAsync("orders", CancellationToken.None), "the plan")).Id;
    await people.ClickAsync(RecoveryTrigger.Confirm, id, RecoveryState.Requested, "UALICE");
    await SignedSlack.WaitAsync(async () => (await store.FindAsync(id, CancellationToken.None)) is { State: RecoveryState.AwaitingApproval } r ? r : null, "awaiting approval");
    await people.ClickAsync(RecoveryTrigger.Approve, id, RecoveryState.AwaitingApproval, "UBOB");
    var done = await SignedSlack.WaitAsync(async () => (await store.FindAsync(id, CancellationToken.None)) is { State: RecoveryState.Completed } r ? r : null, "completed");
    var trail = await store.GetAuditTrailAsync(id, CancellationToken.None);
    var thread = await SignedSlack.WaitAsync(async () => await threads.FindAsync(id, "slack", CancellationToken.None) is { } t && t.DeliveredSeq >= trail[^1].Seq && t.HeaderSettledVersion == done.Version ? t : null, "the thread told");

    var posts = slack.Replies(thread.Header!.Ts).Where(m => m.Seq is not null).ToList();
    duplicates += posts.Count - posts.Select(m => m.Seq).Distinct().Count();
    outOfOrder += posts.Zip(posts.Skip(1)).Count(p => p.First.Seq >= p.Second.Seq);
    foreach (var entry in trail.Where(e => e.Event is not (Pitr.Domain.Recoveries.Events.Refused or Pitr.Domain.Recoveries.Events.NotAdmitted)))
    {
        if (posts.FirstOrDefault(m => m.Seq == entry.Seq) is { } post)
        {
            lags.Add((post.At - entry.At).TotalMilliseconds);
        }
        else
        {
            missing++;
        }
    }
}

var raw = new List<double>();
using var direct = new HttpClient();
for (var i = 0; i < lags.Count; i++)
{
    var sent = DateTimeOffset.UtcNow;
    using var content = new StringContent(new JsonObject { ["channel"] = BenchBot.IncidentChannel, ["text"] = "raw" }.ToJsonString(), Encoding.UTF8, "application/json");
    using var response = await direct.PostAsync(new Uri(slack.ApiBase, "chat.postMessage"), content);
    raw.Add((slack.Messages.Last().At - sent).TotalMilliseconds);
}

Console.WriteLine($"{recoveries} recoveries through the real host, {(pacing.Length == 0 ? "shipped defaults (1 post/s per channel)" : pacing[0])}; milliseconds from an audit entry's save to its post in the thread:");
Console.WriteLine("| path | messages | p50 | p95 | max |");
Console.WriteLine("|---|---|---|---|---|");
Row("saved entry → its thread post (bot)", lags);
Row("raw baseline: chat.postMessage straight to the stand-in", raw);
Console.WriteLine($"duplicates {duplicates}, out of order {outOfOrder}, missing {missing}");
return duplicates + outOfOrder + missing == 0 ? 0 : 1;

void Row(string what, List<double> values)
{
    values.Sort();
    double P(double p) => values[(int)Math.Ceiling(p / 100 * values.Count) - 1];
    Console.WriteLine($"| {what} | {values.Count} | {P(50):0.0} | {P(95):0.0} | {values[^1]:0.0} |");
}

