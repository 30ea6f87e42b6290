using System.CommandLine;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr start --db NAME --to T</c>: plan a recovery from a terminal, as <c>/pitr start</c> does; nothing is restored until someone confirms.</summary>
internal static class StartCommand
{
    public static Command Create()
    {
        var database = CliOptions.Database();
        var to = new Option<string>("--to") { Description = "Target time with an offset, e.g. 2024-05-01T10:32:15Z.", Required = true };
        var command = new Command("start", "Plan a point-in-time recovery; confirm it with `pitr confirm ID`.") { database, to };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            if (session.Person(parse) is not { } person)
            {
                return 2;
            }

            if (!RecoveryTarget.TryParse(parse.GetValue(to), out var target, out var problem))
            {
                return await CliSession.RefusedAsync(RecoveryResult.Refused(new InvalidTarget(parse.GetValue(to), problem)), parse);
            }

            var result = await session.Mediator.Send(new StartRecovery(parse.GetValue(database), target, person, "console"), cancellationToken);
            return result is { Succeeded: true, Recovery: { } planned } ? session.Print(planned, parse) : await CliSession.RefusedAsync(result, parse);
        });
        return command;
    }
}
