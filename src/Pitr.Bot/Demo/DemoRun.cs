using Pitr.Adapters.Local.Demo;
using Mediator;
using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;
using Pitr.Bot.Cli;

namespace Pitr.Bot.Demo;

/// <summary>
/// A whole incident on this machine: data written, data destroyed, the destructive transaction found
/// in the WAL, and the recovery run through the same handlers and stepper as in Slack — with a second
/// person approving — until the service talks to the restored database.
/// </summary>
internal sealed class DemoRun(TextWriter thread)
{
    private static readonly Actor Initiator = new("demo-sre", "demo-sre");
    private static readonly Actor Approver = new("demo-lead", "demo-lead");

    public async Task<DemoReport> RunAsync(DemoEnvironment environment, CancellationToken cancellationToken)
    {
        Say($"Setting up in {environment.Root}: a primary archiving its WAL to {environment.Primary.WalArchiveDir}");
        await environment.PrepareAsync(cancellationToken);
        var backupEnded = DateTimeOffset.UtcNow;
        using var host = DemoHost.Build(environment.Configuration(typeof(DemoRun).Assembly.Location), thread);
        var services = host.Services;

        var service = services.GetRequiredKeyedService<IWorkloadRestarter>(DemoEnvironment.Database);
        var started = await service.RestartAsync(new RestartRequest("demo", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(30)), null, cancellationToken);
        if (!started.Succeeded)
        {
            throw new InvalidOperationException($"The demo service did not start: {started.Workloads[0].Detail}");
        }

        var before = await environment.ServiceIdentityAsync(cancellationToken);
        Say($"Demo service on {environment.HealthUrl} talks to {before?.ToJsonString()}");

        var rowsBefore = await environment.WriteWorkloadAsync(cancellationToken);
        Say($"Workload: {rowsBefore} timestamped orders written");

        // The base backup's end is known to the second: the damage must come after that second to be undone.
        var wait = backupEnded.AddSeconds(1.1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        await environment.CorruptAsync(cancellationToken);
        Say("Incident: DELETE FROM orders WHERE id % 4 <> 0; DROP TABLE customers; (traffic went on afterwards)");

        var suggestions = await services.GetRequiredKeyedService<IRecoveryPointAdvisor>(DemoEnvironment.Database)
            .SuggestAsync(backupEnded, cancellationToken);
        foreach (var s in suggestions)
        {
            Say($"pitr suggest: {s.CommittedAt:HH:mm:ss.ffffff} {(s.TransactionId is { } xid ? $"xid {xid}" : s.By)}: {s.What} → target {s.Target:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}");
        }

        var pick = suggestions.Count > 0 ? suggestions[0] : throw new InvalidOperationException("pitr suggest found no destructive transaction in the WAL.");
        var mediator = services.GetRequiredService<ISender>();
        var store = services.GetRequiredService<IRecoveryStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var driver = new RecoveryDriver(services.GetRequiredService<RecoveryStepper>(), store, services.GetRequiredService<IRecoveryLeases>(), clock);

        var start = await mediator.Send(new StartRecovery(DemoEnvironment.Database, RecoveryTarget.At(pick.Target), Initiator, "console", IncidentAt: pick.CommittedAt), cancellationToken);
        var id = Expect(start).Id;
        Expect(await mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Confirm, Initiator)), cancellationToken));
        var recovery = await driver.RunUntilAsync(id, r => r.State is RecoveryState.AwaitingApproval || CliSession.Settled(r.State), cancellationToken);
        if (recovery.State == RecoveryState.AwaitingApproval)
        {
            Expect(await mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Approve, Approver)), cancellationToken));
            recovery = await driver.RunUntilAsync(id, r => CliSession.Settled(r.State), cancellationToken);
        }

        var report = RecoveryReport.From(recovery, await store.GetAuditTrailAsync(id, cancellationToken), clock.GetUtcNow());
        var endpoint = recovery.CurrentAttempt.Endpoint;
        var restored = endpoint is null ? null : $"Host={endpoint.Host};Port={endpoint.Port};Username=postgres;Database={endpoint.Database};Pooling=false";
        var rowsRecovered = restored is null ? 0 : await DemoEnvironment.CountOrdersAsync(restored, cancellationToken);
        var customers = restored is not null && await DemoEnvironment.CustomersPresentAsync(restored, cancellationToken);
        var after = await environment.ServiceIdentityAsync(cancellationToken);
        Say($"Demo service now talks to {after?.ToJsonString()}");

        return new DemoReport(
            id,
            recovery.State.ToString(),
            report.Target,
            $"{pick.What} at {pick.CommittedAt:O}",
            rowsBefore,
            rowsRecovered,
            CorruptionPresent: rowsRecovered != rowsBefore || !customers,
            report.DataLoss is { } lost ? Math.Round(lost.TotalSeconds, 6) : null,
            ReportJson.Phases(report),
            Math.Round(report.Rto.TotalSeconds, 3),
            ReportJson.Endpoint(endpoint),
            before,
            after,
            ChartFile.Write(report));
    }

    private static RecoverySnapshot Expect(RecoveryResult result) =>
        result.Succeeded && result.Recovery is not null ? result.Recovery : throw new InvalidOperationException(CliSession.Say.Answers.Acted(result));

    private void Say(string line) => thread.WriteLine($"» {line}");
}
