using System.CommandLine;
using System.Text.Json;
using Mediator;
using Pitr.Domain.Readiness;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr check --db NAME</c>: the readiness check; exits 1 when any item fails.</summary>
internal static class CheckCommand
{
    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var database = CliOptions.Database();
        var command = new Command("check", "Check that a database can be recovered within the targets: retention, window, RPO lag, deletion protection, recent drill.");
        command.Options.Add(database);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(CliOptions.Json);
            using var host = CliHost.Build(parse.GetValue(CliOptions.Config), json);
            var report = await host.Services.GetRequiredService<IMediator>().Send(new CheckReadiness(parse.GetValue(database)), cancellationToken);
            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { report.Database, report.Ready, error = report.Why is { } why ? CliSession.Say.Answers.Why(why) : null, report.Items }, JsonOutput));
            }
            else
            {
                Render(report, Console.Out);
            }

            return report.Ready ? 0 : 1;
        });
        return command;
    }

    internal static void Render(ReadinessReport report, TextWriter output)
    {
        if (report.Why is { } why)
        {
            output.WriteLine(CliSession.Say.Answers.Why(why));
            return;
        }

        output.WriteLine($"Readiness of {report.Database}: {(report.Ready ? "ready" : "NOT ready")}");
        foreach (var item in report.Items)
        {
            output.WriteLine($"  {(item.Passed ? "ok  " : "FAIL")}  {item.Name}: {item.Observed} (expected {item.Expected})");
            if (item.Fix is not null)
            {
                output.WriteLine($"        fix: {item.Fix}");
            }
        }
    }
}
