using System.CommandLine;
using Pitr.Bot.Drills;
using Pitr.Domain;
using Pitr.Domain.Drills.Fleet;
using Pitr.Domain.Drills.Start;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

/// <summary>
/// <c>pitr drill --db NAME</c>: restore to a recent time, validate, report, delete the restored database.
/// <c>pitr drill --all</c>: the same for every configured database, <c>Pitr:Drills:Concurrency</c> at a time, and one summary.
/// </summary>
internal static class DrillCommand
{
    private static readonly Option<bool> All = new("--all") { Description = "Drill every configured database (Pitr:Drills:Concurrency at a time) and print one summary." };

    public static Command Create()
    {
        var database = CliOptions.Database();
        var command = new Command("drill", "Disaster-recovery drill: restore to a recent time, validate, report the RTO, then delete the restored database.") { database, All };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            if (session.Person(parse) is not { } person)
            {
                return 2;
            }

            if (parse.GetValue(All))
            {
                return await FleetAsync(session, person, parse, cancellationToken);
            }

            var name = session.DatabaseOrDefault(parse.GetValue(database));
            var started = await session.Mediator.Send(new StartDrill(name, person, "console"), cancellationToken);
            if (!started.Succeeded || started.Recovery is null)
            {
                await Console.Error.WriteLineAsync(CliSession.Say.Answers.Acted(started));
                return 2;
            }

            var recovery = await session.RunToEndAsync(started.Recovery.Id, cancellationToken);
            var report = await session.ReportAsync(recovery, cancellationToken);
            if (parse.GetValue(CliOptions.Json))
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(ReportJson.From(report, ChartFile.Write(report)), CliSession.Json));
            }
            else
            {
                Console.Out.WriteLine($"Drill {report.RecoveryId} of {name}: {report.Outcome}, target {TimeFormat.Exact(report.Target)}, RTO {TimeFormat.Duration(report.Rto)}");
                foreach (var phase in report.Phases)
                {
                    Console.Out.WriteLine($"  {phase.Phase,-12} {TimeFormat.Duration(phase.Duration)}");
                }

                foreach (var check in report.Checks)
                {
                    Console.Out.WriteLine($"  {(check.Passed ? "✓" : "✗")} {check.Name}: {check.Observed} ({check.Expected})");
                }
            }

            return report.Outcome == RecoveryState.Completed && report.Checks.All(c => c.Passed) ? 0 : 1;
        });
        return command;
    }

    /// <summary>Exit code 0 when every database passed, 1 otherwise.</summary>
    private static async Task<int> FleetAsync(CliSession session, Actor person, ParseResult parse, CancellationToken cancellationToken)
    {
        var fleet = await session.Services.GetRequiredService<FleetDrills>().RunAsync(person, "console", session.RunToEndAsync, cancellationToken);
        await Console.Out.WriteLineAsync(parse.GetValue(CliOptions.Json)
            ? System.Text.Json.JsonSerializer.Serialize(FleetJson(fleet), CliSession.Json)
            : CliSession.Say.Fleet.Summary(fleet));
        return fleet.AllPassed ? 0 : 1;
    }

    private static object FleetJson(FleetSummary fleet) => new
    {
        allPassed = fleet.AllPassed,
        drills = fleet.Drills.Select(d => new
        {
            database = d.Database,
            passed = d.Passed,
            lagSeconds = d.Lag?.TotalSeconds,
            refused = d.Why is { } why ? CliSession.Say.Answers.Why(why) : null,
            report = d.Report is { } report ? ReportJson.From(report) : null,
        }),
    };
}
