using System.Diagnostics;
using Pitr.Adapters.Local;
using Pitr.Domain.Ports;

namespace Pitr.Bench.Local;

/// <summary>
/// The local engine alone, driven as the Restoring step drives it: start once, then ask for the status again when the
/// engine suggests (the poll interval when it has no say) until Available.
/// </summary>
internal static class BotRestore
{
    public static async Task<(TimeSpan Elapsed, long Rows, TimeSpan NoticedAfterReplayEnded)> RunAsync(
        IDatabaseRestorer restorer, PostgresInstallation installation, string workDir, string identifier, DateTimeOffset target, TimeSpan pollInterval)
    {
        var started = Stopwatch.GetTimestamp();
        await restorer.StartRestoreAsync(new RestoreRequest(identifier, target, new Dictionary<string, string>()), CancellationToken.None);

        // An independent observer polling every 10 ms tells when replay really ended (paused at the target).
        Task<long>? observer = null;
        while (true)
        {
            var status = await restorer.GetRestoreStatusAsync(identifier, CancellationToken.None);
            if (status.Phase == RestorePhase.Available)
            {
                var noticed = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(started, noticed);
                var connection = $"Host={status.Endpoint!.Host};Port={status.Endpoint.Port};Username=postgres;Database=postgres;Pooling=false";
                var ended = observer is null ? noticed : await observer;
                var rows = await ReplayEnd.CountAsync(connection);
                await restorer.DeleteAsync(identifier, CancellationToken.None);
                return (elapsed, rows, Stopwatch.GetElapsedTime(Math.Min(ended, noticed), noticed));
            }

            if (status.Phase is RestorePhase.Failed or RestorePhase.NotFound)
            {
                throw new InvalidOperationException($"restore {identifier}: {status.Phase} {status.Detail}");
            }

            observer ??= ObserveReplayEndAsync(identifier);
            await Task.Delay(status.RecheckAfter ?? pollInterval);
        }

        Task<long> ObserveReplayEndAsync(string id) => Task.Run(async () =>
        {
            // The port is only known to the engine; read it from the server's pid file.
            var port = 0;
            while (port == 0)
            {
                port = PortOf(id);
                await Task.Delay(5);
            }

            return await ReplayEnd.WaitAsync($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=2", TimeSpan.FromMilliseconds(10));
        });

        int PortOf(string id) => new PostgresServer(installation, Path.Combine(workDir, id, "data")).Port;
    }
}
