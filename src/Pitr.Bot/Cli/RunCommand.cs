using System.CommandLine;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Bot.Cli;

/// <summary>
/// <c>pitr run --db NAME --to T</c>: one whole recovery from a terminal, with the thread live on the console
/// and a y/N question at Confirm and at Approve. Four-eyes holds: when the rules want someone else to
/// approve, it waits for their <c>pitr approve ID</c> (or their click in Slack) and carries on.
/// </summary>
internal static class RunCommand
{
    private static readonly TimeSpan WaitingPoll = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var database = CliOptions.Database();
        var to = new Option<string>("--to") { Description = "Target time with an offset, e.g. 2024-05-01T10:32:15Z.", Required = true };
        var yes = new Option<bool>("--yes") { Description = "Answer yes at Confirm, and at Approve when the rules let this person approve." };
        var command = new Command("run", "Plan, confirm, restore, validate, approve and cut over one recovery, following it to its end.") { database, to, yes };
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

            var planned = await session.Mediator.Send(new StartRecovery(parse.GetValue(database), target, person, "console"), cancellationToken);
            if (planned is not { Succeeded: true, Recovery: { } recovery })
            {
                return await CliSession.RefusedAsync(planned, parse);
            }

            var id = recovery.Id;
            var assumeYes = parse.GetValue(yes);
            if (!Ask($"Confirm the restore of {recovery.Database} to {recovery.CurrentAttempt.Target:O}?", assumeYes))
            {
                await session.Mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Cancel, person)), cancellationToken);
                return session.Print(await session.Store.FindAsync(id, cancellationToken) ?? recovery, parse);
            }

            var step = await session.Mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Confirm, person)), cancellationToken);
            if (!step.Succeeded)
            {
                return await CliSession.RefusedAsync(step, parse);
            }

            recovery = await session.FollowAsync(id, cancellationToken);
            if (recovery.State == RecoveryState.AwaitingApproval)
            {
                recovery = await ApproveAsync(session, recovery, person, assumeYes, cancellationToken);
            }

            return session.Print(recovery, parse);
        });
        return command;
    }

    private static async Task<RecoverySnapshot> ApproveAsync(CliSession session, RecoverySnapshot recovery, Actor person, bool assumeYes, CancellationToken cancellationToken)
    {
        var loaded = Recovery.Load(recovery, session.Services.GetRequiredService<RecoveryRules>(), session.Services.GetRequiredService<TimeProvider>());
        if (loaded.WhyNot(RecoveryTrigger.Approve, person) is null)
        {
            var question = recovery.IsDrill ? "Finish the drill (the restored database is deleted)?" : "Approve the cutover to the restored database?";
            var answer = Ask(question, assumeYes) ? RecoveryTrigger.Approve : RecoveryTrigger.Abort;
            await session.Mediator.Send(new ActOnRecovery(recovery.Id, new PersonAction(answer, person)), cancellationToken);
            return await session.FollowAsync(recovery.Id, cancellationToken);
        }

        Console.Error.WriteLine($"Waiting for a second person to approve: pitr approve {recovery.Id} --as NAME from their terminal, or Approve in Slack. Ctrl+C leaves the recovery waiting.");
        while (recovery.State == RecoveryState.AwaitingApproval)
        {
            await Task.Delay(WaitingPoll, session.Services.GetRequiredService<TimeProvider>(), cancellationToken);
            recovery = await session.Store.FindAsync(recovery.Id, cancellationToken) ?? recovery;
        }

        return await session.FollowAsync(recovery.Id, cancellationToken);
    }

    /// <summary>A y/N question on the terminal; no answer (no terminal) is no.</summary>
    private static bool Ask(string question, bool assumeYes)
    {
        if (assumeYes)
        {
            return true;
        }

        Console.Error.Write($"{question} [y/N] ");
        return Console.ReadLine()?.Trim() is "y" or "Y" or "yes";
    }
}
