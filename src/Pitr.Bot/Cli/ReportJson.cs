using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

/// <summary>A recovery report as the CLI prints it with <c>--json</c>: durations in seconds, endpoints without credentials.</summary>
internal static class ReportJson
{
    /// <param name="chart">Where the timeline chart was written, when it was.</param>
    public static object From(RecoveryReport report, string? chart = null) => new
    {
        recoveryId = report.RecoveryId,
        database = report.Database,
        drill = report.Drill,
        outcome = report.Outcome.ToString(),
        target = report.Target,
        incidentAt = report.IncidentAt,
        dataLossSeconds = report.DataLoss?.TotalSeconds,
        rtoSeconds = report.Rto.TotalSeconds,
        attempts = report.Attempts,
        restoredEndpoint = Endpoint(report.RestoredEndpoint),
        phases = Phases(report),
        restores = report.Restores.Select(r => new
        {
            attempt = r.Attempt,
            target = r.Target,
            method = r.Method.ToString(),
            seconds = r.Took?.TotalSeconds,
            outcome = r.Outcome.ToString(),
        }),
        checks = report.Checks.Select(c => new { name = c.Name, passed = c.Passed, observed = c.Observed, expected = c.Expected }),
        workloads = report.Workloads.Select(w => new { name = w.Name, succeeded = w.Succeeded, seconds = w.Duration.TotalSeconds, detail = w.Detail }),
        health = report.Health.Select(h => new { name = h.Name, healthy = h.Healthy, observed = h.Observed }),
        chart,
        people = report.People.Select(e => new { at = e.At, actor = e.Actor.Name, what = e.Event.GetType().Name, details = (object)e.Event }),
    };

    public static object? Endpoint(Pitr.Domain.Ports.DatabaseEndpoint? endpoint) =>
        endpoint is null ? null : new { host = endpoint.Host, port = endpoint.Port, database = endpoint.Database };

    public static Dictionary<string, double> Phases(RecoveryReport report) =>
        report.Phases.ToDictionary(p => p.Phase.ToString().ToLowerInvariant(), p => Math.Round(p.Duration.TotalSeconds, 3));
}
