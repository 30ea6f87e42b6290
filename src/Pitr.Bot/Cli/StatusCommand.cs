using System.CommandLine;
using System.Text.Json;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Lineage;
using Pitr.Domain.Recoveries.List;
using Pitr.Domain.Recoveries.Status;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr status [ID]</c> and <c>pitr list</c>: where recoveries stand, from the same store as the bot.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "A recovery id; without it, the active recovery of --db.", Arity = ArgumentArity.ZeroOrOne };
        var database = CliOptions.Database();
        var command = new Command("status", "One recovery: its state, report and next steps.") { id, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var status = await session.Mediator.Send(new GetRecoveryStatus(parse.GetValue(id), parse.GetValue(database)), cancellationToken);
            if (status is null)
            {
                // Nothing running: where production runs is still worth knowing before starting one.
                if (parse.GetValue(id) is null && !parse.GetValue(CliOptions.Json)
                    && await session.Mediator.Send(new GetProduction(parse.GetValue(database)), cancellationToken) is { Moved: { } moved } production)
                {
                    Console.Out.WriteLine(CliSession.Say.Reports.Production(moved, production.Database));
                }

                return await CliSession.RefusedAsync(RecoveryResult.NotFound(parse.GetValue(id) ?? "(active)"), parse);
            }

            if (!parse.GetValue(CliOptions.Json))
            {
                Console.Out.WriteLine(CliSession.Say.Reports.Report(status.Report));
                if (status.Production is { } moved)
                {
                    Console.Out.WriteLine(CliSession.Say.Reports.Production(moved, status.Recovery.Database));
                }
            }

            return session.Print(status.Recovery, parse);
        });
        return command;
    }

    public static Command List()
    {
        var database = CliOptions.Database();
        var command = new Command("list", "The most recent recoveries and drills, newest first.") { database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var recent = await session.Mediator.Send(new ListRecoveries(parse.GetValue(database), 20), cancellationToken);
            Console.Out.WriteLine(parse.GetValue(CliOptions.Json)
                ? JsonSerializer.Serialize(recent.Select(RecoveryJson.From), CliSession.Json)
                : recent.Count == 0 ? "No recovery or drill yet." : string.Join('\n', recent.Select(CliSession.Say.Reports.Line)));
            return 0;
        });
        return command;
    }
}
