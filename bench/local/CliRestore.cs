using System.Diagnostics;
using System.Text.Json;
using Pitr.Adapters.Local;
using Pitr.Bot.Hosting;
using Pitr.Domain.Recoveries;

namespace Pitr.Bench.Local;

/// <summary>
/// The break-glass path as shipped: <c>pitr restore --db bench --to T --json</c>, a process of its own with only the keys
/// a local database needs and a fresh store each time (one active recovery per database). Its start-up alone is
/// timed in the same run (<c>pitr states</c>) so that it can be taken off.
/// </summary>
/// <param name="pitr">The <c>pitr.dll</c> to run: the build's, or a <c>dotnet publish</c> output as the image ships it.</param>
internal sealed class CliRestore(ArchivingPrimary primary, string root, string? pitr)
{
    private readonly string Pitr = pitr ?? typeof(BotHost).Assembly.Location;
    private int runs;

    public string WorkDir => Path.Combine(root, "cli");

    public async Task<CliRun> RunAsync(DateTimeOffset target)
    {
        var store = Path.Combine(root, $"cli-{++runs}.db");
        var startup = Stopwatch.GetTimestamp();
        await RunPitrAsync(store, "states");
        var startupTook = Stopwatch.GetElapsedTime(startup);

        var started = Stopwatch.GetTimestamp();
        var output = await RunPitrAsync(store, "restore", "--db", "bench", "--to", target.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "--json");
        var wall = Stopwatch.GetElapsedTime(started);

        using var json = JsonDocument.Parse(output);
        var phases = json.RootElement.GetProperty("phases");
        var endpoint = json.RootElement.GetProperty("restoredEndpoint");
        var rows = await ReplayEnd.CountAsync($"Host={endpoint.GetProperty("host").GetString()};Port={endpoint.GetProperty("port").GetInt32()};Username=postgres;Database=postgres;Pooling=false");
        return new CliRun(
            wall,
            startupTook,
            TimeSpan.FromSeconds(phases.GetProperty("restore").GetDouble()),
            TimeSpan.FromSeconds(phases.GetProperty("confirmation").GetDouble() + phases.GetProperty("restore").GetDouble()),
            TimeSpan.FromSeconds(phases.GetProperty("validation").GetDouble()),
            rows,
            RestoreAttempt.IdentifierFor(json.RootElement.GetProperty("recoveryId").GetString()!, 1));
    }

    private async Task<string> RunPitrAsync(string store, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Pitr);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Pitr__Databases__bench__Engine"] = "local";
        start.Environment["Pitr__Databases__bench__Local__BaseBackupDir"] = primary.BaseBackupDir;
        start.Environment["Pitr__Databases__bench__Local__WalArchiveDir"] = primary.WalArchiveDir;
        start.Environment["Pitr__Databases__bench__Local__WorkDir"] = WorkDir;
        start.Environment["Pitr__Databases__bench__Validation__Username"] = "postgres";
        start.Environment["Pitr__Databases__bench__Validation__SslMode"] = "Disable";
        start.Environment["Pitr__Databases__bench__Secret__Store"] = "file";
        start.Environment["Pitr__Databases__bench__Secret__File__Path"] = Path.Combine(root, "cli-secret.json");
        start.Environment["Pitr__Store__Sqlite__Path"] = store;
        start.Environment["Logging__LogLevel__Default"] = "Error";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"pitr {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
    }
}

/// <param name="Wall">The whole process, start-up included.</param>
/// <param name="Startup">The same process doing nothing (<c>pitr states</c>), measured just before.</param>
/// <param name="ConfirmToAvailable">Its own restore phase: from the confirmation (automatic here) to the restore available.</param>
/// <param name="RequestToAvailable">Its own confirmation + restore phases: the plan (window check) included.</param>
internal sealed record CliRun(TimeSpan Wall, TimeSpan Startup, TimeSpan ConfirmToAvailable, TimeSpan RequestToAvailable, TimeSpan Validation, long Rows, string Identifier);
