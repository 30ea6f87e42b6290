using System.Diagnostics;

namespace Pitr.Adapters.Local;

/// <summary>Runs a program to completion; a non-zero exit is an exception carrying its error output.</summary>
internal static class ProcessRunner
{
    /// <param name="tool">The name errors give the program (the wrapped tool when run through <c>runuser</c>).</param>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? tool = null)
    {
        var output = new List<string>();
        var (exitCode, error) = await StreamAsync(fileName, arguments, output.Add, cancellationToken);
        var stdout = string.Join('\n', output);
        return exitCode == 0
            ? stdout
            : throw new ExternalToolException(tool ?? Path.GetFileName(fileName), exitCode, string.IsNullOrWhiteSpace(error) ? stdout.Trim() : error.Trim());
    }

    /// <summary>Runs a program, handing each line it prints to <paramref name="onLine"/> as it comes; returns its exit code and error output.</summary>
    public static async Task<(int ExitCode, string Error)> StreamAsync(
        string fileName, IEnumerable<string> arguments, Action<string> onLine, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // Server binaries run as another user who may not be able to enter our working directory.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Inherited PG* variables would silently point the tools at some other server.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        // Tools print times in the process's zone (pg_waldump), and initdb records it as the server's zone: make both UTC.
        info.Environment["TZ"] = "UTC";

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                onLine(line);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await error);
    }
}

/// <summary>A PostgreSQL tool (or other program) exited with an error.</summary>
public sealed class ExternalToolException(string tool, int exitCode, string error)
    : Exception($"{tool} exited with code {exitCode}: {error}")
{
    public string Tool { get; } = tool;

    public int ExitCode { get; } = exitCode;

    public string Error { get; } = error;
}
