using System.Diagnostics;
using System.Text.Json;
using Pitr.Bot.Cli;

namespace Pitr.Bot.Tests.Cli;

/// <summary>The real <c>pitr</c> process, configured through <c>Pitr__...</c> environment variables as an operator would.</summary>
internal static class PitrProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Errors)
    {
        public JsonDocument Json() => JsonDocument.Parse(Output);
    }

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(typeof(PitrCli).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Outcome(process.ExitCode, await output, await errors);
    }

    /// <summary>Runs <c>pitr</c>; fails the test on a non-zero exit, returns its JSON output.</summary>
    public static async Task<JsonDocument> JsonAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken, params string[] arguments)
    {
        var outcome = await RunAsync(settings, cancellationToken, arguments);
        Assert.True(outcome.ExitCode == 0, $"pitr {string.Join(' ', arguments)} exited {outcome.ExitCode}: {outcome.Errors}");
        return outcome.Json();
    }
}
