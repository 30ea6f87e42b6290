using System.Diagnostics;
using System.Globalization;
using Pitr.Bot.Tests.Slack.Support;

// Acknowledgement latency of signed /pitr commands: the real bot host on loopback (signature check,
// parsing, routing, background hand-off), the Slack Web API stand-in answering the work that follows.
// Usage: dotnet run -c Release --project bench/slack [concurrency] [rounds]
var concurrency = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;

await using var bot = await SlackBot.StartAsync();
for (var i = 0; i < 20; i++)
{
    await bot.CommandAsync("status", SlackBot.Alice);
}

var latencies = new List<double>();
var failures = 0;
for (var round = 0; round < rounds; round++)
{
    var results = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
    {
        var watch = Stopwatch.StartNew();
        using var response = await bot.CommandAsync(i % 2 == 0 ? "status" : "window", SlackBot.Alice);
        return (watch.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode);
    }));
    latencies.AddRange(results.Select(r => r.TotalMilliseconds));
    failures += results.Count(r => !r.IsSuccessStatusCode);
}

latencies.Sort();
double Percentile(double p) => latencies[(int)Math.Ceiling(p / 100 * latencies.Count) - 1];
Console.WriteLine($"{latencies.Count} signed slash commands, {concurrency} concurrent, {rounds} rounds; non-2xx: {failures}");
Console.WriteLine($"ack latency p50 {Percentile(50):0.0} ms, p99 {Percentile(99):0.0} ms, max {latencies[^1]:0.0} ms (target p99 <= 100 ms; Slack's limit 3000 ms)");
return failures == 0 ? 0 : 1;
