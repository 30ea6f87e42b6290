using System.Text;
using Mediator;
using Pitr.Adapters.Presentation;
using Pitr.Domain.Ports;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.List;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Recoveries.Status;
using Pitr.Domain.Recoveries.Suggest;
using Pitr.Domain.Recoveries.Window;

namespace Pitr.Bot.Slack;

/// <summary>One <c>/pitr</c> sub-command: how it is typed, and what it does once acknowledged.</summary>
/// <param name="TakesRecoveryId">Its first argument is a recovery id (so a refusal is audited against that recovery).</param>
internal sealed record SubCommand(string Name, string Usage, string Summary, int MinArgs, int MaxArgs, bool TakesRecoveryId,
    Func<string[], SlackPerson, CancellationToken, Task<string>> RunAsync);

/// <summary>The sub-commands of <c>/pitr</c>: each parses its words, sends its domain command or query, and words the answer for Slack.</summary>
internal sealed class PitrCommands(ISender sender, IDatabaseCatalog catalog, SlackFleetDrill fleet, SlackDrillTrend trend)
{
    // Slack truncates message text past 40 000 characters; stay well inside it.
    private const int AuditReplyLimit = 35_000;

    private const string IncidentFlag = "--incident";

    /// <summary>How far back <c>/pitr start</c> without a time searches the history.</summary>
    private static readonly TimeSpan HistoryLookback = TimeSpan.FromDays(1);

    private static readonly Presenter Say = Presenter.Slack;

    public IReadOnlyList<SubCommand> All =>
    [
        new("start", $"/pitr start {RecoveryTarget.Example} [db] [{IncidentFlag} T0]", $"plan a recovery to that instant (UTC `Z` or an offset such as `+02:00`; `{IncidentFlag}` says when the damage happened, for the data-loss window); without a time, the destructive changes in the database's history and the instant before each; nothing is restored until someone presses Confirm", 0, 4, false,
            StartAsync),
        new("drill", "/pitr drill [db|all]", "rehearse: restore to just before the latest restorable time, validate, report, delete; the application is never touched; `all` drills every database and posts one summary here", 0, 1, false,
            async (a, p, ct) => a.ElementAtOrDefault(0) is { } all && all.Equals("all", StringComparison.OrdinalIgnoreCase) && catalog.Find(all) is null
                ? await fleet.RunAsync(p, ct)
                : Say.Answers.Planned(await sender.Send(new StartRecovery(a.ElementAtOrDefault(0), null, p.Actor, p.Channel!, RecoveryMode.Drill), ct))),
        new("drills", "/pitr drills [db]", "the drill trend: the last drills with RTO and its phases, pass or fail, RTO p50 / p90, days since the last pass; the chart is posted here", 0, 1, false,
            (a, p, ct) => trend.RunAsync(a.ElementAtOrDefault(0), p, ct)),
        new("status", "/pitr status [id]", "one recovery in detail, or the recent ones", 0, 1, true, (a, _, ct) => StatusAsync(a.ElementAtOrDefault(0), ct)),
        new("window", "/pitr window [db]", "the times a recovery can land on", 0, 1, false, (a, _, ct) => WindowAsync(a.ElementAtOrDefault(0), ct)),
        new("check", "/pitr check [db]", "is the database ready for a recovery: backup retention, restorable window, RPO lag, deletion protection, a recent drill", 0, 1, false,
            (a, _, ct) => CheckAsync(a.ElementAtOrDefault(0), ct)),
        new("abort", "/pitr abort <id>", "stop a recovery before cutover; its restored database is deleted", 1, 1, true,
            (a, p, ct) => ActAsync(a[0], new PersonAction(RecoveryTrigger.Abort, p.Actor), ct)),
        new("rollback", "/pitr rollback <id> [reason]", "point the secret back at the original database and restart the workloads", 1, 20, true,
            (a, p, ct) => ActAsync(a[0], new PersonAction(RecoveryTrigger.Rollback, p.Actor, Reason: a.Length > 1 ? string.Join(' ', a[1..]) : null), ct)),
        new("decommission", "/pitr decommission <id>", "delete the database a completed recovery replaced, before its retention ends", 1, 1, true,
            (a, p, ct) => ActAsync(a[0], new PersonAction(RecoveryTrigger.Decommission, p.Actor), ct)),
        new("audit", "/pitr audit <id>", "the recovery's audit trail: every step, request and refusal, with who and when", 1, 1, true, (a, _, ct) => AuditAsync(a[0], ct)),
        new("help", "/pitr help", "this list", 0, 0, false, (_, _, _) => Task.FromResult(Help())),
    ];

    public string Help()
    {
        var text = new StringBuilder("*/pitr* — point-in-time recovery of PostgreSQL from this channel. Every step is posted in the recovery's thread, with buttons for what can be done next.\n");
        foreach (var command in All)
        {
            text.Append("• `").Append(command.Usage).Append("` — ").Append(command.Summary).Append('\n');
        }

        return text.Append("Times always carry an offset: `").Append(RecoveryTarget.Example).Append("` or `2024-05-01T12:32:15+02:00`.").ToString();
    }

    private async Task<string> StartAsync(string[] words, SlackPerson person, CancellationToken cancellationToken)
    {
        var flag = Array.IndexOf(words, IncidentFlag);
        var incidentText = flag >= 0 ? words.ElementAtOrDefault(flag + 1) ?? "" : null;
        var rest = flag >= 0 ? [.. words[..flag], .. words[Math.Min(flag + 2, words.Length)..]] : words;
        if (rest.Length == 0 || (rest.Length == 1 && catalog.Names.Contains(rest[0], StringComparer.OrdinalIgnoreCase)))
        {
            // No time: propose one from the database's history, and let the person start it.
            var points = await sender.Send(new SuggestRecoveryPoints(rest.ElementAtOrDefault(0), DateTimeOffset.UtcNow - HistoryLookback), cancellationToken);
            return points.Why is { } why ? Say.Answers.Planned(RecoveryResult.Refused(why)) : Say.Reports.RecoveryPoints(points);
        }

        if (rest.Length > 2)
        {
            return $"Usage: `/pitr start {RecoveryTarget.Example} [db] [{IncidentFlag} T0]`";
        }

        if (!RecoveryTarget.TryParse(rest[0], out var target, out var problem))
        {
            return Say.Answers.Planned(RecoveryResult.Refused(new InvalidTarget(rest[0], problem)));
        }

        RecoveryTarget? incident = null;
        if (incidentText is not null && !RecoveryTarget.TryParse(incidentText, out incident, out var incidentProblem))
        {
            return Say.Answers.Planned(RecoveryResult.Refused(new InvalidTarget(incidentText, incidentProblem)));
        }

        return Say.Answers.Planned(await sender.Send(
            new StartRecovery(rest.ElementAtOrDefault(1), target, person.Actor, person.Channel!, IncidentAt: incident?.Instant), cancellationToken));
    }

    private async Task<string> ActAsync(string id, PersonAction act, CancellationToken cancellationToken) =>
        Say.Answers.Acted(await sender.Send(new ActOnRecovery(id, act), cancellationToken));

    private async Task<string> StatusAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return await sender.Send(new GetRecoveryStatus(id), cancellationToken) is { } status
                ? Say.Reports.Status(status.Recovery, status.Report) + (status.Production is { } moved ? "\n" + Say.Reports.Production(moved, status.Recovery.Database) : "")
                : Say.Answers.Why(new UnknownRecovery(id));
        }

        var recent = await sender.Send(new ListRecoveries(Limit: 10), cancellationToken);
        return recent.Count == 0
            ? "No recovery or drill has been run yet. `/pitr help` shows how to start one."
            : "*Recent recoveries and drills* (newest first)\n" + string.Join('\n', recent.Select(Say.Reports.Line)) + "\n`/pitr status <id>` shows one in detail.";
    }

    private async Task<string> AuditAsync(string id, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetRecoveryStatus(id), cancellationToken) is not { } status)
        {
            return Say.Answers.Why(new UnknownRecovery(id));
        }

        var lines = status.Audit.Select(e => "• " + Say.Reports.Audit(e)).ToList();
        var text = $"*Audit trail of `{id}`* ({lines.Count} entries)\n" + string.Join('\n', lines);
        return text.Length <= AuditReplyLimit
            ? text
            : text[..AuditReplyLimit] + $"\n… cut here; `pitr audit {id} --json` prints all of it.";
    }

    private async Task<string> WindowAsync(string? database, CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new GetRestorableWindow(database), cancellationToken);
        return answer.Why is { } why ? $":no_entry: {Say.Answers.Why(why)}" : Say.Reports.Window(answer);
    }

    private async Task<string> CheckAsync(string? database, CancellationToken cancellationToken)
    {
        var report = await sender.Send(new CheckReadiness(database), cancellationToken);
        return report.Why is { } why ? $":no_entry: {Say.Answers.Why(why)}" : Say.Reports.Readiness(report);
    }
}
