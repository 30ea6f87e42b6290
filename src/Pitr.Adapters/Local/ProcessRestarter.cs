using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Local;

/// <summary>
/// Restarts local processes: stops the instance named by each pid file (TERM, then KILL), starts the
/// command again with its output appended to a log, and waits until it answers its ready URL (starting it
/// again, a few times, if it exits first). A restart already done for the same stamp is only watched, never repeated.
/// </summary>
internal sealed partial class ProcessRestarter(
    ProcessWorkloadOptions options,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger<ProcessRestarter> logger) : IWorkloadRestarter
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times a process that exits before it is ready is started, and how long apart.</summary>
    private const int StartAttempts = 3;

    private static readonly TimeSpan StartBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Without a ready URL, a process that is still alive this long after its start counts as started.</summary>
    private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(1);

    public async ValueTask<RolloutReport> RestartAsync(RestartRequest request, IProgress<WorkloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        var results = await Task.WhenAll(options.Processes.Select(p => RestartOneAsync(p, request, progress, timeout.Token, cancellationToken)));
        return new RolloutReport(results);
    }

    private async Task<WorkloadResult> RestartOneAsync(
        ProcessWorkload workload, RestartRequest request, IProgress<WorkloadProgress>? progress, CancellationToken timeout, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var stamp = request.RestartedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var stampFile = workload.PidFile + ".restarted";
        try
        {
            using var running = RunningProcess(workload);
            if (running is null || !File.Exists(stampFile) || await File.ReadAllTextAsync(stampFile, timeout) != stamp)
            {
                if (running is not null)
                {
                    progress?.Report(new WorkloadProgress(workload.Name, $"stopping pid {running.Id}"));
                    await StopAsync(running, timeout);
                }

                var pid = await StartRecordedAsync(workload, timeout);
                await File.WriteAllTextAsync(stampFile, stamp, timeout);
                progress?.Report(new WorkloadProgress(workload.Name, $"started pid {pid}"));
            }

            // A process that dies at start (a port taken for a moment, a dependency not up yet) is started again, as a
            // supervisor would, a few times before the rollout is called failed.
            for (var attempt = 1; !await WaitUntilReadyAsync(workload, timeout); attempt++)
            {
                if (attempt == StartAttempts)
                {
                    return new WorkloadResult(workload.Name, false, clock.GetElapsedTime(started),
                        $"{workload.Name} exited after its start, {StartAttempts} times (log: {LogFileOf(workload)})");
                }

                progress?.Report(new WorkloadProgress(workload.Name, $"exited after its start; starting it again ({attempt + 1} of {StartAttempts})"));
                await Task.Delay(StartBackoff, clock, timeout);
                await StartRecordedAsync(workload, timeout);
            }

            progress?.Report(new WorkloadProgress(workload.Name, "ready"));
            return new WorkloadResult(workload.Name, true, clock.GetElapsedTime(started), $"pid {await File.ReadAllTextAsync(workload.PidFile, timeout)} ready");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WorkloadResult(workload.Name, false, clock.GetElapsedTime(started), $"not ready within {request.Timeout.TotalSeconds:0}s (log: {LogFileOf(workload)})");
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new WorkloadResult(workload.Name, false, clock.GetElapsedTime(started), e.Message);
        }
    }

    private static Process? RunningProcess(ProcessWorkload workload)
    {
        if (!File.Exists(workload.PidFile) || !int.TryParse(File.ReadAllText(workload.PidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        try
        {
            var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static async Task StopAsync(Process process, CancellationToken cancellationToken)
    {
        // TERM first so the service can close its connections; KILL only if it does not go in time.
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await (term?.WaitForExitAsync(cancellationToken) ?? Task.CompletedTask);
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(StopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    /// <summary>Starts the command and records its pid where the next restart looks for it.</summary>
    private async Task<int> StartRecordedAsync(ProcessWorkload workload, CancellationToken cancellationToken)
    {
        using var process = Start(workload);
        await File.WriteAllTextAsync(workload.PidFile, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        LogStarted(workload.Name, process.Id);
        return process.Id;
    }

    private static Process Start(ProcessWorkload workload)
    {
        // The shell only redirects and then becomes the command (exec), so the pid we record is the service's own.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = false };
        foreach (var argument in new[] { "-c", "exec \"$0\" \"$@\" >>\"$PITR_WORKLOAD_LOG\" 2>&1 </dev/null", workload.Command }.Concat(workload.Arguments))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PITR_WORKLOAD_LOG"] = LogFileOf(workload);
        foreach (var (name, value) in workload.Environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {workload.Command}.");
    }

    /// <returns>False when the process exited before it was ready.</returns>
    private async Task<bool> WaitUntilReadyAsync(ProcessWorkload workload, CancellationToken cancellationToken)
    {
        using var http = httpClients.CreateClient(nameof(ProcessRestarter));
        var graceEnds = clock.GetUtcNow() + StartupGrace;
        while (true)
        {
            using var running = RunningProcess(workload);
            if (running is null)
            {
                return false;
            }

            if (workload.ReadyUrl is null)
            {
                if (clock.GetUtcNow() >= graceEnds)
                {
                    return true;
                }

                await Task.Delay(PollInterval, clock, cancellationToken);
                continue;
            }

            try
            {
                using var response = await http.GetAsync(workload.ReadyUrl, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    private static string LogFileOf(ProcessWorkload workload) => workload.LogFile ?? workload.PidFile + ".log";

    [LoggerMessage(LogLevel.Information, "Workload {Name} started as pid {Pid}")]
    private partial void LogStarted(string name, int pid);
}
