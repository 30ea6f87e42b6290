// Times a restore by the bot as shipped (the real host, shipped defaults) and by its local engine alone
// against the raw PostgreSQL restore of the same base backup and archive to the same target: copy +
// recovery paused at the target, same binaries, paired in the same run.
//   dotnet run -c Release --project bench/local -- [--size-mb N] [--wal-minutes M] [--runs R] [--poll-ms P] [--idle-seconds S]
//                                                  [--retarget-runs R] [--retarget-seconds S] [--cli-runs R] [--checkpoint-seconds C] [--completed] [--pitr PUBLISHED/pitr.dll]
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Local;
using Pitr.Bench.Local;
using Pitr.Domain.Ports;

var sizeMb = Argument(args, "--size-mb", 0);
var walMinutes = Argument(args, "--wal-minutes", 0.0);
var runs = Argument(args, "--runs", 3);

// After the paired runs: hold one served restore in recovery this long and measure the bot's CPU meanwhile.
var idleSeconds = Argument(args, "--idle-seconds", 0);
// The engine-only side waits as the Restoring step does: the engine's suggestion, else this (the shipped 5 s).
var pollInterval = TimeSpan.FromMilliseconds(Argument(args, "--poll-ms", 5000));

// A later re-target: a restore paused this long before the target replayed on to it, paired with a new restore to it.
var retargetRuns = Argument(args, "--retarget-runs", 0);
var retargetGap = TimeSpan.FromSeconds(Argument(args, "--retarget-seconds", 30.0));

// The break-glass path: `pitr restore --json` as a process, paired with the raw restore; --pitr runs a published pitr.dll.
var cliRuns = Argument(args, "--cli-runs", 0);
var publishedPitr = Array.IndexOf(args, "--pitr") is var pitrAt and >= 0 ? Path.GetFullPath(args[pitrAt + 1]) : null;

// Last, one served recovery approved at once and timed to Completed (cutover and re-protection of the new production).
var completedRun = args.Contains("--completed");

// The source's checkpoint_timeout. A re-target restarts the paused server, whose replay resumes from the last
// checkpoint it replayed: how far back that is depends on how often the source checkpoints.
var checkpointSeconds = Argument(args, "--checkpoint-seconds", 1800);

var installation = PostgresInstallation.Find();
var root = Directory.CreateTempSubdirectory("pitr-bench-").FullName;
await using var primary = await ArchivingPrimary.StartAsync(installation, Path.Combine(root, "source"),
    new Dictionary<string, string> { ["max_wal_size"] = "4GB", ["checkpoint_timeout"] = $"{checkpointSeconds}s" });
try
{
    var history = await Workload.PrepareAsync(primary, sizeMb, TimeSpan.FromMinutes(walMinutes));
    Console.Error.WriteLine($"data {history.DataMegabytes} MB, WAL {history.WalMegabytes} MB over {history.WalSpan.TotalSeconds:0}s, target {history.Target:O}");

    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Pitr:Databases:bench:Engine"] = "local",
        ["Pitr:Databases:bench:Local:BaseBackupDir"] = primary.BaseBackupDir,
        ["Pitr:Databases:bench:Local:WalArchiveDir"] = primary.WalArchiveDir,
        ["Pitr:Databases:bench:Local:WorkDir"] = Path.Combine(root, "bot"),
    }).Build();
    var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddLocalAdapters(configuration).BuildServiceProvider();
    var restorer = services.GetRequiredKeyedService<IDatabaseRestorer>("bench");
    await installation.PrepareDirectoryAsync(Path.Combine(root, "raw"), CancellationToken.None);

    await using var served = await ServedRestore.StartAsync(installation, primary, root);

    var raw = new List<TimeSpan>();
    var bot = new List<TimeSpan>();
    var notice = new List<TimeSpan>();
    var servedRuns = new List<ServedRun>();
    for (var run = 1; run <= runs; run++)
    {
        // Each copy leaves its writes to flush: flush them before timing the next, and alternate who goes first.
        (TimeSpan Elapsed, long Rows) rawRun = default;
        (TimeSpan Elapsed, long Rows, TimeSpan NoticedAfterReplayEnded) botRun = default;
        ServedRun? servedRun = null;
        foreach (var side in run % 2 == 1 ? new[] { "raw", "served", "bot" } : ["bot", "served", "raw"])
        {
            await Flush(installation);
            if (side == "raw")
            {
                rawRun = await RawRestore.RunAsync(installation, primary, Path.Combine(root, "raw", $"r{run}"), history.Target, history.Timeline);
                Directory.Delete(Path.Combine(root, "raw", $"r{run}"), recursive: true);
            }
            else if (side == "served")
            {
                servedRun = await served.RunAsync(history.Target);
            }
            else
            {
                botRun = await BotRestore.RunAsync(restorer, installation, Path.Combine(root, "bot"), $"bench-{run}", history.Target, pollInterval);
            }
        }

        if (rawRun.Rows != history.RowsAtTarget || botRun.Rows != history.RowsAtTarget || servedRun!.Rows != history.RowsAtTarget)
        {
            throw new InvalidOperationException($"restores disagree: expected {history.RowsAtTarget} rows, raw {rawRun.Rows}, served {servedRun?.Rows}, engine {botRun.Rows}");
        }

        servedRuns.Add(servedRun);
        raw.Add(rawRun.Elapsed);
        bot.Add(botRun.Elapsed);
        notice.Add(botRun.NoticedAfterReplayEnded);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run}: raw {rawRun.Elapsed.TotalSeconds:0.000}s, served to available {servedRun.ToAvailable.TotalSeconds:0.000}s (noticed {servedRun.NoticedAfterReplayEnded.TotalSeconds:0.000}s after replay ended, CPU {servedRun.CpuShare:0.0%}), to awaiting approval {servedRun.ToAwaitingApproval.TotalSeconds:0.000}s, engine {botRun.Elapsed.TotalSeconds:0.000}s (noticed after {botRun.NoticedAfterReplayEnded.TotalSeconds:0.000}s)"));
    }

    if (cliRuns > 0)
    {
        var cli = new CliRestore(primary, root, publishedPitr);
        var cliRaw = new List<TimeSpan>();
        var cliRunsDone = new List<CliRun>();
        for (var run = 1; run <= cliRuns; run++)
        {
            (TimeSpan Elapsed, long Rows) rawRun = default;
            CliRun? cliRun = null;
            foreach (var side in run % 2 == 1 ? new[] { "raw", "cli" } : ["cli", "raw"])
            {
                await Flush(installation);
                if (side == "raw")
                {
                    rawRun = await RawRestore.RunAsync(installation, primary, Path.Combine(root, "raw", $"c{run}"), history.Target, history.Timeline);
                    Directory.Delete(Path.Combine(root, "raw", $"c{run}"), recursive: true);
                }
                else
                {
                    cliRun = await cli.RunAsync(history.Target);
                    await new PostgresServer(installation, Path.Combine(cli.WorkDir, cliRun.Identifier, "data")).StopAsync();
                    Directory.Delete(Path.Combine(cli.WorkDir, cliRun.Identifier), recursive: true);
                }
            }

            if (rawRun.Rows != history.RowsAtTarget || cliRun!.Rows != history.RowsAtTarget)
            {
                throw new InvalidOperationException($"restores disagree: expected {history.RowsAtTarget} rows, raw {rawRun.Rows}, pitr restore {cliRun?.Rows}");
            }

            cliRaw.Add(rawRun.Elapsed);
            cliRunsDone.Add(cliRun);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cli run {run}: raw {rawRun.Elapsed.TotalSeconds:0.000}s, pitr restore wall {cliRun.Wall.TotalSeconds:0.000}s (start-up {cliRun.Startup.TotalSeconds:0.000}s), its restore phase {cliRun.ConfirmToAvailable.TotalSeconds:0.000}s, confirmation + restore {cliRun.RequestToAvailable.TotalSeconds:0.000}s, validation {cliRun.Validation.TotalSeconds:0.000}s"));
        }

        var net = cliRunsDone.Select(r => r.Wall - r.Startup).ToList();
        var restore = cliRunsDone.Select(r => r.ConfirmToAvailable).ToList();
        var phases = cliRunsDone.Select(r => r.RequestToAvailable).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cli | {history.DataMegabytes} MB data, {history.WalMegabytes} MB WAL ({history.WalSpan.TotalMinutes:0.0} min) | {cliRuns} | {Median(cliRaw).TotalSeconds:0.00} s | {Vs(cliRaw, restore)} | {Vs(cliRaw, phases)} | {Vs(cliRaw, net)} |"));
    }

    if (retargetRuns > 0)
    {
        var continued = new List<TimeSpan>();
        var anew = new List<TimeSpan>();
        var first = history.Target - retargetGap;
        for (var run = 1; run <= retargetRuns; run++)
        {
            var result = await RetargetRestore.RunAsync(restorer, () => Flush(installation), $"retarget-{run}", first, history.Target, continuedFirst: run % 2 == 1);
            if (result.ContinuedRows != history.RowsAtTarget || result.AnewRows != history.RowsAtTarget)
            {
                throw new InvalidOperationException($"re-targets disagree: expected {history.RowsAtTarget} rows, continued {result.ContinuedRows}, anew {result.AnewRows}");
            }

            continued.Add(result.Continued);
            anew.Add(result.Anew);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"re-target run {run}: continued replay {result.Continued.TotalSeconds:0.000}s, new restore {result.Anew.TotalSeconds:0.000}s ({result.Anew / result.Continued:0.0}x)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"retarget | {history.DataMegabytes} MB data, {history.WalMegabytes} MB WAL ({history.WalSpan.TotalMinutes:0.0} min), source checkpoint_timeout {checkpointSeconds} s, +{retargetGap.TotalSeconds:0} s later | {retargetRuns} | {Median(continued).TotalSeconds:0.00} s | {Median(anew).TotalSeconds:0.00} s | {anew.Zip(continued, (a, c) => a / c).Order().ElementAt(retargetRuns / 2):0.0}x |"));
    }

    if (runs == 0)
    {
        return;
    }

    var toAvailable = servedRuns.Select(r => r.ToAvailable).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"served | {history.DataMegabytes} MB data, {history.WalMegabytes} MB WAL ({history.WalSpan.TotalMinutes:0.0} min) | {runs} | {Median(raw).TotalSeconds:0.00} s | {Median(toAvailable).TotalSeconds:0.00} s | {Median(raw.Zip(toAvailable, (r, b) => b - r).ToList()).TotalSeconds:+0.00;-0.00} s ({Ratio(raw, toAvailable):+0.0%;-0.0%}) | {Median(servedRuns.Select(r => r.NoticedAfterReplayEnded).ToList()).TotalSeconds:0.00} s (max {servedRuns.Max(r => r.NoticedAfterReplayEnded).TotalSeconds:0.00} s) | {Median(servedRuns.Select(r => r.ToAwaitingApproval).ToList()).TotalSeconds:0.00} s | {servedRuns.Select(r => r.CpuShare).Order().ElementAt(runs / 2):0.0%} (max {servedRuns.Max(r => r.CpuShare):0.0%}) |"));

    if (idleSeconds > 0)
    {
        var (idle, restoring) = await served.IdleCpuShareWhileRestoringAsync(Path.Combine(primary.BaseBackupDir, "base"), history.Target, TimeSpan.FromSeconds(idleSeconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu | bot process, share of one core: {restoring:0.00%} while one restore replays, {idle:0.00%} with nothing open (same run, {idleSeconds - 10} s each)"));
    }

    if (completedRun)
    {
        var (toCompleted, approveToCompleted, phases) = await served.RunToCompletedAsync(history.Target);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"completed | Confirm → Completed {toCompleted.TotalSeconds:0.00} s, Approve → Completed {approveToCompleted.TotalSeconds:0.00} s | phases: {string.Join(", ", phases.Where(p => !p.Skipped).Select(p => $"{p.Phase} {p.Duration.TotalSeconds:0.00} s"))}"));
    }

    var rawMedian = Median(raw);
    var botMedian = Median(bot);

    // The machine is shared: compare each run's pair, not two medians taken apart.
    var paired = Median(raw.Zip(bot, (r, b) => b - r).ToList());
    var ratio = Ratio(raw, bot);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"engine | {history.DataMegabytes} MB data, {history.WalMegabytes} MB WAL ({history.WalSpan.TotalMinutes:0.0} min) | {runs} | {rawMedian.TotalSeconds:0.00} s | {botMedian.TotalSeconds:0.00} s | {paired.TotalSeconds:+0.00;-0.00} s ({ratio:+0.0%;-0.0%}) | {Median(notice).TotalSeconds:0.00} s (max {notice.Max().TotalSeconds:0.00} s) |"));
}
finally
{
    foreach (var dir in Directory.GetDirectories(root).Where(d => Path.GetFileName(d) is "raw" or "bot" or "served" or "cli").SelectMany(Directory.GetDirectories))
    {
        await new PostgresServer(installation, Path.Combine(dir, "data")).StopAsync();
        await new PostgresServer(installation, dir).StopAsync();
    }

    await primary.DisposeAsync();
    Directory.Delete(root, recursive: true);
}

static async Task Flush(PostgresInstallation installation) =>
    await installation.RunAsAsync("sync", [], CancellationToken.None);

// "median, paired difference (paired ratio)" of one side against raw.
static string Vs(List<TimeSpan> raw, List<TimeSpan> other) => string.Create(CultureInfo.InvariantCulture,
    $"{Median(other).TotalSeconds:0.00} s, {Median(raw.Zip(other, (r, o) => o - r).ToList()).TotalSeconds:+0.00;-0.00} s ({Ratio(raw, other):+0.0%;-0.0%})");

static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

// The machine is shared: the median of each run's own ratio, not a ratio of medians taken apart.
static double Ratio(List<TimeSpan> raw, List<TimeSpan> other) => raw.Zip(other, (r, b) => b / r).Order().ElementAt(raw.Count / 2) - 1;

static T Argument<T>(string[] args, string name, T fallback) where T : IParsable<T>
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? T.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
