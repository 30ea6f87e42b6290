using System.CommandLine;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr drill --db NAME</c>: restore to a recent time, validate, report, delete the restored database.</summary>
internal static class DrillCommand
{
    public static Command Create()
    {
        var database = CliOptions.Database();
        var command = new Command("drill", "Disaster-recovery drill: restore to a recent time, validate, report the RTO, then delete the restored database.") { database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            if (session.Person(parse) is not { } person)
            {
                return 2;
            }

            var name = session.DatabaseOrDefault(parse.GetValue(database));
            var started = await session.Mediator.Send(
                new StartRecovery(name, null, person, "console", RecoveryMode.Drill, AutoApprove: true), cancellationToken);
            if (!started.Succeeded || started.Recovery is null)
            {
                await Console.Error.WriteLineAsync(CliSession.Say.Answers.Planned(started));
                return 2;
            }

            var confirmed = await session.Mediator.Send(new ActOnRecovery(started.Recovery.Id, new PersonAction(RecoveryTrigger.Confirm, person)), cancellationToken);
            if (!confirmed.Succeeded)
            {
                await Console.Error.WriteLineAsync(CliSession.Say.Answers.Acted(confirmed));
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
}
