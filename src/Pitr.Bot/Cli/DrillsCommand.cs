using System.CommandLine;
using System.Text.Json;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Trend;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr drills [--db NAME] [--json]</c>: the drill trend per database, and its chart written as a PNG per database.</summary>
internal static class DrillsCommand
{
    public static Command Create()
    {
        var database = CliOptions.Database();
        var last = new Option<int>("--last") { Description = "How many drills per database, newest first.", DefaultValueFactory = _ => 20 };
        var command = new Command("drills", "The drill trend: each database's last drills (RTO and its phases, lag, pass or fail, who started it), RTO p50 / p90, days since the last pass, and a chart.") { database, last };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var answer = await session.Mediator.Send(new GetDrillTrend(parse.GetValue(database), parse.GetValue(last)), cancellationToken);
            if (answer.Why is not null)
            {
                return await CliSession.RefusedAsync(RecoveryResult.Refused(answer.Why), parse);
            }

            var charts = answer.Databases.Where(d => d.Drills.Count > 0).ToDictionary(d => d.Database, ChartFile.Write);
            if (parse.GetValue(CliOptions.Json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { now = answer.Now, databases = answer.Databases.Select(d => Json(d, charts.GetValueOrDefault(d.Database))) }, CliSession.Json));
                return 0;
            }

            Console.Out.WriteLine(CliSession.Say.Drills.Trend(answer));
            foreach (var (name, path) in charts)
            {
                Console.Out.WriteLine($"Chart of {name}: {path}");
            }

            return 0;
        });
        return command;
    }

    private static object Json(DrillTrend trend, string? chart) => new
    {
        database = trend.Database,
        p50RtoSeconds = trend.RtoP50?.TotalSeconds,
        p90RtoSeconds = trend.RtoP90?.TotalSeconds,
        lastPassAt = trend.LastPassAt,
        daysSinceLastPass = trend.DaysSinceLastPass,
        chart,
        drills = trend.Drills.Select(d => new
        {
            recoveryId = d.RecoveryId,
            startedAt = d.StartedAt,
            endedAt = d.EndedAt,
            outcome = d.Outcome.ToString(),
            passed = d.Passed,
            rtoSeconds = d.Rto.TotalSeconds,
            phases = d.Phases.ToDictionary(p => p.Phase.ToString().ToLowerInvariant(), p => Math.Round(p.Duration.TotalSeconds, 3)),
            dataLossSeconds = d.DataLoss?.TotalSeconds,
            lagSeconds = d.Lag.TotalSeconds,
            startedBy = new { id = d.StartedBy.Id, name = d.StartedBy.Name },
        }),
    };
}
