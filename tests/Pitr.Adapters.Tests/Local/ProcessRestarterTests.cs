using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pitr.Adapters.Local;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Local;

public sealed class ProcessRestarterTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("pitr-process-").FullName;

    private string PidFile => Path.Combine(directory, "app.pid");

    public void Dispose()
    {
        if (CurrentPid() is { } pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Restart_replaces_the_running_process_and_asking_again_with_the_same_stamp_keeps_it()
    {
        var restarter = Restarter();
        var first = await restarter.RestartAsync(Request(1), null, TestContext.Current.CancellationToken);
        var firstPid = CurrentPid()!.Value;

        var again = await restarter.RestartAsync(Request(1), null, TestContext.Current.CancellationToken);
        Assert.Equal(firstPid, CurrentPid());

        var second = await restarter.RestartAsync(Request(2), null, TestContext.Current.CancellationToken);

        Assert.True(first.Succeeded && again.Succeeded && second.Succeeded);
        Assert.NotEqual(firstPid, CurrentPid());
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(firstPid));
    }

    [Fact]
    public async Task A_process_that_exits_at_once_is_reported_as_failed_with_its_log()
    {
        var report = await Restarter("/bin/false").RestartAsync(Request(1), null, TestContext.Current.CancellationToken);

        Assert.False(report.Succeeded);
        Assert.Contains("exited after its start, 3 times", report.Workloads.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_that_exits_at_its_first_start_is_started_again_and_the_rollout_succeeds()
    {
        var marker = PidFile + ".first-start";
        var restarter = Restarter("/bin/sh", "-c", $"if [ -e '{marker}' ]; then exec sleep 30; else touch '{marker}'; exit 1; fi");
        var progress = new RecordedProgress();

        var report = await restarter.RestartAsync(Request(1), progress, TestContext.Current.CancellationToken);

        Assert.True(report.Succeeded, report.Workloads.Single().Detail);
        Assert.Contains(progress.Statuses, p => p.Contains("starting it again (2 of 3)", StringComparison.Ordinal));
        Assert.False(Process.GetProcessById(CurrentPid()!.Value).HasExited);
    }

    private static RestartRequest Request(int stamp) => new("r1", DateTimeOffset.UnixEpoch.AddSeconds(stamp), TimeSpan.FromSeconds(20));

    private int? CurrentPid() => File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile), out var pid) ? pid : null;

    private ProcessRestarter Restarter(string command = "/bin/sleep", params string[] arguments) => new(
        new ProcessWorkloadOptions
        {
            Processes = { new ProcessWorkload { Name = "app", Command = command, Arguments = arguments.Length > 0 ? [.. arguments] : ["30"], PidFile = PidFile } },
        },
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
        TimeProvider.System,
        NullLogger<ProcessRestarter>.Instance);

    /// <summary>Told synchronously, unlike <see cref="Progress{T}"/>, so nothing arrives after the call returns.</summary>
    private sealed class RecordedProgress : IProgress<WorkloadProgress>
    {
        public List<string> Statuses { get; } = [];

        public void Report(WorkloadProgress value) => Statuses.Add(value.Status);
    }
}
