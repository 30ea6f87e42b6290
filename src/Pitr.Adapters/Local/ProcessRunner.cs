using System.Diagnostics;

namespace Pitr.Adapters.Local;

/// <summary>Runs a program to completion; a non-zero exit is an exception carrying its error output.</summary>
internal static class ProcessRunner
{
    /// <summary>util-linux: a child that is not a group leader becomes one and runs the program in place (same pid).</summary>
    private const string SetSid = "/usr/bin/setsid";

    /// <summary>How long a cancelled program's killed processes are waited for (within a pod's 30 s grace period).</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    /// <param name="tool">The name errors give the program (the wrapped tool when run through <c>runuser</c>).</param>
    /// <param name="started">Told the child's process group as soon as it runs (see <see cref="StreamAsync"/>).</param>
    public static async Task<string> RunAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? tool = null, Action<int>? started = null)
    {
        var output = new List<string>();
        var (exitCode, error) = await StreamAsync(fileName, arguments, output.Add, cancellationToken, started);
        var stdout = string.Join('\n', output);
        return exitCode == 0
            ? stdout
            : throw new ExternalToolException(tool ?? Path.GetFileName(fileName), exitCode, string.IsNullOrWhiteSpace(error) ? stdout.Trim() : error.Trim());
    }

    /// <summary>Runs a program, handing each line it prints to <paramref name="onLine"/> as it comes; returns its exit code and error output.</summary>
    /// <remarks>
    /// On Linux the program leads a process group of its own (through <c>setsid</c>), so that it and whatever it
    /// starts (<c>runuser</c> starts the real tool as a grandchild) can be found and stopped as one, also by a
    /// later bot when this one died: <paramref name="started"/> is told the group's id.
    /// </remarks>
    public static async Task<(int ExitCode, string Error)> StreamAsync(
        string fileName, IEnumerable<string> arguments, Action<string> onLine, CancellationToken cancellationToken, Action<int>? started = null)
    {
        var ownGroup = File.Exists(SetSid);
        var info = new ProcessStartInfo(ownGroup ? SetSid : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // Server binaries run as another user who may not be able to enter our working directory.
            WorkingDirectory = "/",
        };
        IEnumerable<string> argv = ownGroup ? [fileName, .. arguments] : arguments;
        foreach (var argument in argv)
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
        var group = ownGroup ? ProcessGroup.Of(process.Id) : null;
        started?.Invoke(process.Id);
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
            await GoneAsync(process, group);
            throw;
        }

        return (process.ExitCode, await error);
    }

    /// <summary>
    /// Waits a bounded while for the killed tree to be gone: a copy blocked in disk I/O dies only when the write
    /// returns, and a bot that stops (or retries) must not leave it writing behind its back.
    /// </summary>
    private static async Task GoneAsync(Process process, ProcessGroup? group)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < KillGrace && (!process.HasExited || group?.IsAlive() == true))
        {
            await Task.Delay(20, CancellationToken.None);
        }
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
