using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pitr.Bot.Cli;

namespace Pitr.Bot.Tests.Support;

/// <summary>One real <c>pitr serve</c> process, configured through <c>Pitr__...</c> environment variables, on a port of its own.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> settings;
    private Process? process;

    public ServeProcess(IReadOnlyDictionary<string, string?> settings)
    {
        this.settings = settings;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}") };
    }

    /// <summary>Addresses the process; it keeps its port across restarts.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the process and waits until it answers <c>/healthz</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(PitrCli).Assembly.Location);
        start.ArgumentList.Add("serve");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Urls"] = Http.BaseAddress!.ToString().TrimEnd('/');
        var started = process = Process.Start(start)!;
        _ = started.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = started.StandardError.ReadToEndAsync(cancellationToken);
        while (true)
        {
            if (started.HasExited)
            {
                Assert.Fail($"pitr serve exited at start: {await errors}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>SIGKILL to the bot alone, as a node failure or the OOM killer ends it: its children are left as a crash leaves them.</summary>
    public async Task KillAsync()
    {
        var running = process!;
        running.Kill(entireProcessTree: false);
        await running.WaitForExitAsync();
        running.Dispose();
        process = null;
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod; returns the exit code and how long the bot took to exit.</summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan limit)
    {
        var running = process!;
        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await running.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            running.Kill(entireProcessTree: false);
            await running.WaitForExitAsync();
        }

        var result = (running.ExitCode, watch.Elapsed);
        running.Dispose();
        process = null;
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }

        Http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
