using System.CommandLine;
using Pitr.Bot.Hosting;

namespace Pitr.Bot.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        // Options the command line does not know (--urls, --Pitr:Runner:Tick=...) are the host's own configuration.
        var command = new Command("serve", "Run the bot: Slack endpoints, alert intake, probes and the recovery runner. Other options (--urls …) go to the web host.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = BotHost.Build([.. parse.UnmatchedTokens], parse.GetValue(CliOptions.Config));
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
