using System.Diagnostics;
using Pitr.Domain.Ports;

namespace Pitr.Bench.Local;

/// <summary>
/// A later target, two ways, through the local engine as the Restoring step drives it: the restore paused at an earlier
/// target replayed on (<see cref="IDatabaseRestorer.ContinueRestoreAsync"/>, no new copy), and a new restore to the
/// same later target (copy + replay from the base backup). Both end when the engine says Available.
/// </summary>
internal static class RetargetRestore
{
    /// <returns>Seconds of the continued replay and of the new restore, each with the rows it holds.</returns>
    public static async Task<(TimeSpan Continued, long ContinuedRows, TimeSpan Anew, long AnewRows)> RunAsync(
        IDatabaseRestorer restorer, Func<Task> flush, string identifier, DateTimeOffset first, DateTimeOffset later, bool continuedFirst)
    {
        // The restore a person rejected: paused at the earlier target (not timed).
        await restorer.StartRestoreAsync(Request(identifier, first), CancellationToken.None);
        await AvailableAsync(restorer, identifier);

        (TimeSpan, long) continued = default, anew = default;
        foreach (var side in continuedFirst ? new[] { "continued", "anew" } : ["anew", "continued"])
        {
            await flush();
            var started = Stopwatch.GetTimestamp();
            if (side == "continued")
            {
                await restorer.ContinueRestoreAsync(Request(identifier, later), CancellationToken.None);
                var endpoint = await AvailableAsync(restorer, identifier);
                continued = (Stopwatch.GetElapsedTime(started), await ReplayEnd.CountAsync(ConnectionString(endpoint)));
            }
            else
            {
                await restorer.StartRestoreAsync(Request(identifier + "-anew", later), CancellationToken.None);
                var endpoint = await AvailableAsync(restorer, identifier + "-anew");
                anew = (Stopwatch.GetElapsedTime(started), await ReplayEnd.CountAsync(ConnectionString(endpoint)));
                await restorer.DeleteAsync(identifier + "-anew", CancellationToken.None);
            }
        }

        await restorer.DeleteAsync(identifier, CancellationToken.None);
        return (continued.Item1, continued.Item2, anew.Item1, anew.Item2);
    }

    private static RestoreRequest Request(string identifier, DateTimeOffset target) => new(identifier, target, new Dictionary<string, string>());

    private static string ConnectionString(DatabaseEndpoint endpoint) =>
        $"Host={endpoint.Host};Port={endpoint.Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>Asks again as soon as the engine suggests, as the Restoring step does.</summary>
    private static async Task<DatabaseEndpoint> AvailableAsync(IDatabaseRestorer restorer, string identifier)
    {
        while (true)
        {
            var status = await restorer.GetRestoreStatusAsync(identifier, CancellationToken.None);
            switch (status.Phase)
            {
                case RestorePhase.Available:
                    return status.Endpoint!;
                case RestorePhase.Failed or RestorePhase.NotFound:
                    throw new InvalidOperationException($"restore {identifier}: {status.Phase} {status.Detail}");
                default:
                    await Task.Delay(status.RecheckAfter ?? TimeSpan.FromSeconds(5));
                    break;
            }
        }
    }
}
