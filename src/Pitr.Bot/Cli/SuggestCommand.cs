using System.CommandLine;
using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr suggest --db NAME [--since T]</c>: destructive transactions found in the archived WAL, each with the target just before it.</summary>
internal static class SuggestCommand
{
    public static Command Create()
    {
        var database = CliOptions.Database();
        var since = new Option<string?>("--since") { Description = "Only transactions committed at or after this time (with an offset)." };
        var command = new Command("suggest", "Find transactions that dropped or truncated tables or deleted many rows, and propose the target just before each.")
        {
            database,
            since,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var name = session.DatabaseOrDefault(parse.GetValue(database));
            var from = DateTimeOffset.MinValue;
            if (parse.GetValue(since) is { } text)
            {
                if (!RecoveryTarget.TryParse(text, out var parsed, out var problem))
                {
                    await Console.Error.WriteLineAsync(CliSession.Say.Answers.Why(new InvalidTarget(text, problem)));
                    return 2;
                }

                from = parsed.Instant;
            }

            if (session.Services.GetKeyedService<IRecoveryPointAdvisor>(name) is not { } advisor)
            {
                await Console.Error.WriteLineAsync($"{name} cannot be searched for destructive transactions: the local engine reads its WAL, the RDS engines their PostgreSQL logs in CloudWatch.");
                return 2;
            }

            var suggestions = await advisor.SuggestAsync(from, cancellationToken);
            if (parse.GetValue(CliOptions.Json))
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(suggestions, CliSession.Json));
                return 0;
            }

            if (suggestions.Count == 0)
            {
                Console.Out.WriteLine($"No destructive transaction found in the history of {name}.");
            }

            foreach (var s in suggestions)
            {
                Console.Out.WriteLine($"{s.CommittedAt:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}  {(s.TransactionId is { } xid ? $"xid {xid}" : s.By)}  {s.What}");
                Console.Out.WriteLine($"    recover with: pitr restore --db {name} --to {s.Target:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}");
            }

            return 0;
        });
        return command;
    }
}
