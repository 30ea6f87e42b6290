namespace Pitr.Bot.Slack;

/// <summary>Routes <c>/pitr</c> by its first word. Usage mistakes are answered at once; everything else is acknowledged and done in the background.</summary>
internal sealed class SlashCommandRouter(PitrCommands commands, SlackReplies replies, SlackWork work)
{
    public SlackAck Route(SlashCommand command)
    {
        var words = command.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var name = words.Length == 0 ? "help" : words[0].ToLowerInvariant();
        var args = words.Skip(1).ToArray();
        var sub = commands.All.FirstOrDefault(c => c.Name == name);
        if (sub is null)
        {
            return SlackAck.Ephemeral($"`{name}` is not a `/pitr` command.\n{commands.Help()}");
        }

        if (args.Length < sub.MinArgs || args.Length > sub.MaxArgs)
        {
            return SlackAck.Ephemeral($"Usage: `{sub.Usage}` — {sub.Summary}.");
        }

        if (sub.Name == "help")
        {
            return SlackAck.Ephemeral(commands.Help());
        }

        var person = command.From;
        work.Run($"/pitr {sub.Name}", async ct =>
        {
            if (await replies.AdmitAsync(person, $"/pitr {sub.Name}", sub.TakesRecoveryId ? args.FirstOrDefault() : null, ct))
            {
                await replies.EphemeralAsync(person, await sub.RunAsync(args, person, ct), ct);
            }
        });
        return SlackAck.Ephemeral($"Working on `/pitr {command.Text}`…");
    }
}
