using System.CommandLine;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;

namespace Pitr.Bot.Cli;

/// <summary>
/// <c>pitr confirm|cancel|approve|reject|abort|retry|rollback|decommission ID</c>: every button of the
/// thread, from a terminal, on the same store and rules. Unless <c>--no-follow</c>, the verb then carries
/// the recovery on until it needs a person again, so it also works while the bot itself is down.
/// </summary>
internal static class ActionCommands
{
    private static readonly Option<bool> NoFollow = new("--no-follow") { Description = "Leave the next steps to a running bot instead of doing them here." };

    public static IEnumerable<Command> Create() =>
    [
        Verb(RecoveryTrigger.Confirm, "confirm", "Confirm a planned recovery: the restore starts."),
        Verb(RecoveryTrigger.Cancel, "cancel", "Cancel a planned recovery; nothing is restored."),
        Verb(RecoveryTrigger.Approve, "approve", "Approve the cutover (someone other than the person who started it), or finish a drill."),
        Verb(RecoveryTrigger.Reject, "reject", "Reject the restored data for another time (--to): earlier restores anew, later replays a paused restore on."),
        Verb(RecoveryTrigger.Abort, "abort", "Stop a recovery before the cutover; its restored database is deleted."),
        Verb(RecoveryTrigger.Retry, "retry", "Try the failed step again."),
        Verb(RecoveryTrigger.Rollback, "rollback", "Point the secret back at the previous database and restart the workloads."),
        Verb(RecoveryTrigger.Decommission, "decommission", "Delete the database a completed recovery replaced."),
    ];

    private static Command Verb(RecoveryTrigger action, string name, string description)
    {
        var id = new Argument<string>("id") { Description = "The recovery id, as shown in its header." };
        var to = new Option<string>("--to") { Description = "The time to restore to instead, with its offset.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record." };
        var command = new Command(name, description) { id, NoFollow };
        if (action == RecoveryTrigger.Reject)
        {
            command.Options.Add(to);
        }

        if (action == RecoveryTrigger.Rollback)
        {
            command.Options.Add(reason);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            if (session.Person(parse) is not { } person)
            {
                return 2;
            }

            RecoveryTarget? target = null;
            if (action == RecoveryTrigger.Reject)
            {
                if (!RecoveryTarget.TryParse(parse.GetValue(to), out var chosen, out var problem))
                {
                    await Console.Error.WriteLineAsync(CliSession.Say.Answers.Why(new InvalidTarget(parse.GetValue(to), problem)));
                    return 2;
                }

                target = chosen;
            }

            var result = await session.Mediator.Send(new ActOnRecovery(parse.GetValue(id)!, new PersonAction(action, person, target, parse.GetValue(reason))), cancellationToken);
            if (!result.Succeeded || result.Recovery is null)
            {
                return await CliSession.RefusedAsync(result, parse);
            }

            var recovery = parse.GetValue(NoFollow) ? result.Recovery : await session.FollowAsync(result.Recovery.Id, cancellationToken);
            return session.Print(recovery, parse);
        });
        return command;
    }
}
