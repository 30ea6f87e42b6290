using System.Globalization;
using Pitr.Bench.Actions;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Tests.Slack.Support;

// Person action → first side effect, through the real bot host with the SHIPPED defaults (runner tick,
// poll interval, header pacing): a signed click or command goes in over HTTP as Slack sends it, and the
// clock stops when the engine or secret store is called. Raw baseline, same run: the same port call
// made directly. Usage: dotnet run -c Release --project bench/actions [samples]
var samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
await using var slack = await SlackStandIn.StartAsync();
var effects = new SideEffects();
await using var bot = await BenchBot.StartAsync(slack.ApiBase, effects);
var store = bot.Store;
var people = bot.People;

var confirm = new List<double>();
var approve = new List<double>();
var rollback = new List<double>();
var raw = new List<double>();
for (var i = 0; i < samples; i++)
{
    await people.CommandAsync("UALICE", $"start {DateTimeOffset.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}");
    var planned = await SignedSlack.WaitAsync(async () => await store.FindActiveAsync("orders", CancellationToken.None), "the plan");
    var id = planned.Id;

    var clicked = DateTimeOffset.UtcNow;
    await people.ClickAsync(RecoveryTrigger.Confirm, id, RecoveryState.Requested, "UALICE");
    confirm.Add((await SignedSlack.WaitAsync(() => Task.FromResult(effects.RestoreRequested.TryGetValue(RestoreAttempt.IdentifierFor(id, 1), out var at) ? new Stamp(at) : null), "the restore request")).At.Subtract(clicked).TotalMilliseconds);

    await SignedSlack.WaitAsync(async () => (await store.FindAsync(id, CancellationToken.None)) is { State: RecoveryState.AwaitingApproval } r ? r : null, "awaiting approval");
    var written = effects.SecretWritten.Count;
    clicked = DateTimeOffset.UtcNow;
    await people.ClickAsync(RecoveryTrigger.Approve, id, RecoveryState.AwaitingApproval, "UBOB");
    approve.Add((await SignedSlack.WaitAsync(() => Task.FromResult(effects.SecretWritten.Count > written ? new Stamp(effects.SecretWritten.Last()) : null), "the secret write")).At.Subtract(clicked).TotalMilliseconds);

    await SignedSlack.WaitAsync(async () => (await store.FindAsync(id, CancellationToken.None)) is { State: RecoveryState.Completed } r ? r : null, "completed");
    var reverted = effects.SecretReverted.Count;
    clicked = DateTimeOffset.UtcNow;
    await people.ClickAsync(RecoveryTrigger.Rollback, id, RecoveryState.Completed, "UBOB");
    rollback.Add((await SignedSlack.WaitAsync(() => Task.FromResult(effects.SecretReverted.Count > reverted ? new Stamp(effects.SecretReverted.Last()) : null), "the secret revert")).At.Subtract(clicked).TotalMilliseconds);
    await SignedSlack.WaitAsync(async () => (await store.FindAsync(id, CancellationToken.None)) is { State: RecoveryState.RolledBack } r ? r : null, "rolled back");

    var direct = DateTimeOffset.UtcNow;
    await new TimedSecrets(effects).RevertAsync(new SecretChange("v1", "v2", "x"), CancellationToken.None);
    raw.Add(effects.SecretReverted.Last().Subtract(direct).TotalMilliseconds);
}

Console.WriteLine($"{samples} recoveries through the real host, shipped defaults (runner tick 1 s, poll interval 5 s); milliseconds from the signed request to the side effect:");
Console.WriteLine("| action → first side effect | p50 | p95 | max |");
Console.WriteLine("|---|---|---|---|");
Row("Confirm click → restore requested", confirm);
Row("Approve click → secret written", approve);
Row("Roll back click on a Completed recovery → secret reverted", rollback);
Row("raw baseline: the same revert called directly", raw);
return confirm.Concat(approve).Concat(rollback).All(ms => ms <= 1000) ? 0 : 1;

void Row(string what, List<double> values)
{
    values.Sort();
    double P(double p) => values[(int)Math.Ceiling(p / 100 * values.Count) - 1];
    Console.WriteLine($"| {what} | {P(50):0.0} | {P(95):0.0} | {values[^1]:0.0} |");
}


internal sealed record Stamp(DateTimeOffset At);
