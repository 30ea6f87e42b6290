using System.CommandLine;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

internal static class StatesCommand
{
    public static Command Create()
    {
        var command = new Command("states", "Print the recovery state diagram (Mermaid), generated from the state machine.");
        command.SetAction(_ => Console.Out.Write(Recovery.StateDiagram()));
        return command;
    }
}
