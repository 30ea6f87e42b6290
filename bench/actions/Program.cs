using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Slack;
using Pitr.Tests.Slack.Support;
using Pitr.Bench.Actions;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

// Person action → first side effect, through the real bot host with the SHIPPED defaults (runner tick,
// poll interval, header pacing): a signed click or command goes in over HTTP as Slack sends it, and the
// clock stops when the engine or secret store is called. Raw baseline, same run: the same port call
// made directly. Usage: dotnet run -c Release --project bench/actions [samples]
var samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
const string Secret = "bench-signing-secret";
const string IncidentChannel = "CINC";

await using var slack = await SlackStandIn.StartAsync();
var effects = new SideEffects();
var directory = Directory.CreateTempSubdirectory("pitr-bench-actions-").FullName;
var app = BotHost.Build(
[
    "--urls=http://127.0.0.1:0",
    "--Logging:LogLevel:Default=Error",
    "--Pitr:Databases:orders:Engine=fake",
    "--Pitr:Databases:orders:Secret:Store=fake",
    $"--Pitr:Store:Sqlite:Path={Path.Combine(directory, "pitr.db")}",
    "--Pitr:Slack:BotToken=xoxb-bench",
    $"--Pitr:Slack:SigningSecret={Secret}",
    $"--Pitr:Slack:ApiBaseUrl={slack.ApiBase}",
    "--Pitr:Slack:AllowedUsers:0=UALICE",
    "--Pitr:Slack:AllowedUsers:1=UBOB",
    $"--Pitr:Slack:AllowedChannels:0={IncidentChannel}",
], null, builder =>
{
    builder.Services.AddKeyedSingleton<IDatabaseRestorer>("orders", new TimedRestorer(effects));
    builder.Services.AddKeyedSingleton<IValidationRunner>("orders", new PassingValidation());
    builder.Services.AddKeyedSingleton<ISecretStore>("orders", new TimedSecrets(effects));
});
await app.StartAsync();
var store = app.Services.GetRequiredService<IRecoveryStore>();
using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
var people = new SignedSlack(http, Secret, IncidentChannel);

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

await app.StopAsync();
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
