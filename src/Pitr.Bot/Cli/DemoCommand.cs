using Pitr.Adapters.Local.Demo;
using System.CommandLine;
using System.Runtime.InteropServices;
using Pitr.Bot.Demo;
using Pitr.Domain;

namespace Pitr.Bot.Cli;

/// <summary><c>pitr demo [--json]</c>: a whole incident recovered on an embedded PostgreSQL, start to finish.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo",
            "Run a whole incident on an embedded PostgreSQL: WAL archiving, a workload, a mass DELETE and a DROP TABLE, then suggest → restore → validate → approve → secret → restart → health → report.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(CliOptions.Json);
            var thread = json ? Console.Error : Console.Out;
            // Ctrl+C or SIGTERM must not leave servers behind: they run in sessions of their own (pg_ctl),
            // so nobody else would stop them. The signal only cancels; the cleanup below runs to its end.
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Interrupt(PosixSignalContext context)
            {
                context.Cancel = true;
                interrupted.Cancel();
            }

            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
            await using var environment = await DemoEnvironment.StartAsync(interrupted.Token);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => environment.DisposeAsync().AsTask().GetAwaiter().GetResult();

            DemoReport report;
            try
            {
                report = await new DemoRun(thread).RunAsync(environment, interrupted.Token);
            }
            catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("Interrupted: stopping every process the demo started…");
                return 130;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"The demo failed: {e.Message}");
                return 1;
            }

            if (json)
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, CliSession.Json));
            }
            else
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine($"Recovered to {TimeFormat.Exact(report.Target)} (just before: {report.Suggestion}).");
                Console.Out.WriteLine($"Orders before the incident: {report.RowsBeforeCorruption}; in the restored database: {report.RowsRecovered}; damage present: {(report.CorruptionPresent ? "yes" : "no")}.");
                Console.Out.WriteLine($"RTO {report.RtoSeconds:0.0}s; phases: {string.Join(", ", report.Phases.Select(p => $"{p.Key} {p.Value:0.00}s"))}.");
                Console.Out.WriteLine($"Service database before: {report.ServiceDatabaseBefore?.ToJsonString()}; after: {report.ServiceDatabaseAfter?.ToJsonString()}.");
                Console.Out.WriteLine($"Timeline chart: {report.Chart}");
                Console.Out.WriteLine(report.Succeeded ? "Demo succeeded; every process it started is being stopped." : "Demo did NOT prove its point; see the thread above.");
            }

            return report.Succeeded ? 0 : 1;
        });
        return command;
    }

    /// <summary>The demo's application, started (and restarted) by the demo as a separate process. Not for people.</summary>
    public static Command CreateService()
    {
        var secret = new Option<string>("--secret") { Required = true };
        var listen = new Option<int>("--listen") { Required = true };
        var command = new Command("demo-service", "The demo's application (started by pitr demo).") { secret, listen };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => DemoService.RunAsync(parse.GetValue(secret)!, parse.GetValue(listen), cancellationToken));
        return command;
    }
}
