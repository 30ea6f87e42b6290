using System.CommandLine;
using Pitr.Bot.Hosting;

namespace Pitr.Bot.Cli;

internal static class ServeCommand
{
    public static Command Create(string[] args)
    {
        var command = new Command("serve", "Run the bot: Slack endpoints and the recovery runner.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = BotHost.Build(args, parse.GetValue(CliOptions.Config));
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
