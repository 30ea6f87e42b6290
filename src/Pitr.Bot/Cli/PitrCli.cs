using System.CommandLine;

namespace Pitr.Bot.Cli;

/// <summary>The <c>pitr</c> command line: every verb maps to the same handlers the Slack front end uses.</summary>
internal static class PitrCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("pitr — point-in-time recovery of PostgreSQL, run from the incident channel or from here.");
        root.Options.Add(CliOptions.Config);
        root.Options.Add(CliOptions.Json);
        root.Options.Add(CliPerson.As);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(StatesCommand.Create());
        root.Subcommands.Add(StartCommand.Create());
        foreach (var verb in ActionCommands.Create())
        {
            root.Subcommands.Add(verb);
        }

        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(StatusCommand.List());
        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(DrillCommand.Create());
        root.Subcommands.Add(DrillsCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(SuggestCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DemoCommand.CreateService());
        return root;
    }
}
