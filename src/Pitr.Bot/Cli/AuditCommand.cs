using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mediator;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Status;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr audit &lt;id&gt; [--json]</c>: the recovery's append-only audit trail, for the post-incident review.</summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The recovery id, as shown in its header." };
        var command = new Command("audit", "Export a recovery's audit trail: every transition, request and refusal, with who and when.");
        command.Arguments.Add(id);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(CliOptions.Json);
            using var host = CliHost.Build(parse.GetValue(CliOptions.Config), json);
            var status = await host.Services.GetRequiredService<IMediator>().Send(new GetRecoveryStatus(parse.GetValue(id)), cancellationToken);
            if (status is null)
            {
                Console.Error.WriteLine($"There is no recovery {parse.GetValue(id)}. `pitr` keeps them in {host.Services.GetRequiredService<IConfiguration>()["Pitr:Store:Kind"] ?? "sqlite"}; check --config.");
                return 1;
            }

            Console.Out.WriteLine(json
                ? JsonSerializer.Serialize(new { recovery = status.Recovery.Id, status.Recovery.Database, status.Recovery.State, entries = status.Audit.Select(Entry) }, JsonOutput)
                : string.Join('\n', status.Audit.Select(CliSession.Say.Reports.Audit)));
            return 0;
        });
        return command;
    }

    /// <summary>One entry with its event's kind and every field of it (serialized as its own type, not the base).</summary>
    private static object Entry(AuditEntry e) =>
        new { e.Seq, e.At, e.Actor, e.From, e.To, kind = e.Event.GetType().Name, @event = (object)e.Event };
}
