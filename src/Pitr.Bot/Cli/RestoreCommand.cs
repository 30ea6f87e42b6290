using System.CommandLine;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr restore --db NAME --to T</c>: break-glass restore and validation without Slack; the restored server keeps running.</summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var database = CliOptions.Database();
        var to = new Option<string>("--to") { Description = "Target time with an offset, e.g. 2024-05-01T10:32:15Z.", Required = true };
        var command = new Command("restore", "Restore a database to a point in time and validate it (no cutover). The restored database keeps running.")
        {
            database,
            to,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            if (session.Person(parse) is not { } person)
            {
                return 2;
            }

            var json = parse.GetValue(CliOptions.Json);
            var name = session.DatabaseOrDefault(parse.GetValue(database));
            if (!RecoveryTarget.TryParse(parse.GetValue(to), out var target, out var problem))
            {
                await Console.Error.WriteLineAsync(CliSession.Say.Answers.Why(new InvalidTarget(parse.GetValue(to), problem)));
                return 2;
            }

            var started = await session.Mediator.Send(new StartRecovery(name, target, person, "console"), cancellationToken);
            if (!started.Succeeded || started.Recovery is null)
            {
                await Console.Error.WriteLineAsync(CliSession.Say.Answers.Planned(started));
                return 2;
            }

            var id = started.Recovery.Id;
            var confirmed = await session.Mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Confirm, person)), cancellationToken);
            if (!confirmed.Succeeded)
            {
                await Console.Error.WriteLineAsync(CliSession.Say.Answers.Acted(confirmed));
                return 2;
            }

            var recovery = await session.Driver.RunUntilAsync(id, r => r.State == RecoveryState.AwaitingApproval || CliSession.Settled(r.State), cancellationToken);
            var attempt = recovery.CurrentAttempt;
            var dataDir = (await session.Catalog.Find(name)!.Restorer.GetRestoreStatusAsync(attempt.Identifier, cancellationToken)).Location;
            if (json)
            {
                // Where the seconds went, phase by phase (approval has only just begun).
                var report = await session.ReportAsync(recovery, cancellationToken);
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    recoveryId = id,
                    state = recovery.State.ToString(),
                    target = attempt.Target,
                    restoredEndpoint = attempt.Endpoint is { } e ? new { host = e.Host, port = e.Port, database = e.Database } : null,
                    dataDir,
                    pausedAtTarget = attempt.PausedAtTarget,
                    validationPassed = attempt.Validation?.Passed,
                    phases = ReportJson.Phases(report),
                    checks = attempt.Validation?.Checks.Select(c => new { c.Name, c.Passed, c.Observed, c.Expected }),
                }, CliSession.Json));
            }
            else if (attempt.Endpoint is { } endpoint)
            {
                Console.Out.WriteLine($"Restored {name} to {TimeFormat.Utc(attempt.Target)}: {endpoint.Host}:{endpoint.Port}/{endpoint.Database}" + (dataDir is null ? "" : $" (data directory {dataDir})"));
                Console.Out.WriteLine($"Recovery {id} now awaits approval for cutover (from Slack); it blocks other recoveries of {name} until approved or aborted.");
            }
            else
            {
                Console.Out.WriteLine($"Recovery {id} ended {recovery.State}: {(recovery.Trouble is { } trouble ? CliSession.Say.Narrative.Trouble(trouble) : "see the thread above")}.");
            }

            return recovery.State == RecoveryState.AwaitingApproval && attempt.Validation?.Passed == true ? 0 : 1;
        });
        return command;
    }
}
