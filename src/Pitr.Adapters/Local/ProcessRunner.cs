using System.Diagnostics;

namespace Pitr.Adapters.Local;

/// <summary>Runs a program to completion and returns what it printed; a non-zero exit is an exception carrying its error output.</summary>
internal static class ProcessRunner
{
    /// <param name="tool">The name errors give the program (the wrapped tool when run through <c>runuser</c>).</param>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? tool = null)
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

        // Inherited PG* variables would silently redirect the tools to some other server.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var stdout = await output;
        var stderr = await error;
        if (process.ExitCode != 0)
        {
            throw new ExternalToolException(tool ?? Path.GetFileName(fileName), process.ExitCode, string.IsNullOrWhiteSpace(stderr) ? stdout.Trim() : stderr.Trim());
        }

        return stdout;
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
