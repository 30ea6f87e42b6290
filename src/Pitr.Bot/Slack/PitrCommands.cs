using System.Text;
using Mediator;
using Pitr.Domain;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Abort;
using Pitr.Domain.Recoveries.Decommission;
using Pitr.Domain.Recoveries.List;
using Pitr.Domain.Recoveries.Rollback;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Recoveries.Status;
using Pitr.Domain.Recoveries.Window;

namespace Pitr.Bot.Slack;

/// <summary>One <c>/pitr</c> sub-command: how it is typed, and what it does once acknowledged.</summary>
/// <param name="TakesRecoveryId">Its first argument is a recovery id (so a refusal is audited against that recovery).</param>
internal sealed record SubCommand(string Name, string Usage, string Summary, int MinArgs, int MaxArgs, bool TakesRecoveryId,
    Func<string[], SlackPerson, CancellationToken, Task<string>> RunAsync);

/// <summary>The sub-commands of <c>/pitr</c>, each mapped to its domain command or query; the reply is the domain's words.</summary>
internal sealed class PitrCommands(ISender sender)
{
    // Slack truncates message text past 40 000 characters; stay well inside it.
    private const int AuditReplyLimit = 35_000;

    public IReadOnlyList<SubCommand> All =>
    [
        new("start", $"/pitr start {TargetTime.Example} [db]", "plan a recovery to that second (UTC `Z` or an offset such as `+02:00`); nothing is restored until someone presses Confirm", 1, 2, false,
            (a, p, ct) => StartAsync(new StartRecovery(a.ElementAtOrDefault(1), a[0], p.Actor, p.Channel!), ct)),
        new("drill", "/pitr drill [db]", "rehearse: restore to just before the latest restorable time, validate, report, delete; the application is never touched", 0, 1, false,
            (a, p, ct) => StartAsync(new StartRecovery(a.ElementAtOrDefault(0), null, p.Actor, p.Channel!, RecoveryMode.Drill), ct)),
        new("status", "/pitr status [id]", "one recovery in detail, or the recent ones", 0, 1, true, (a, _, ct) => StatusAsync(a.ElementAtOrDefault(0), ct)),
        new("window", "/pitr window [db]", "the times a recovery can land on", 0, 1, false, (a, _, ct) => WindowAsync(a.ElementAtOrDefault(0), ct)),
        new("check", "/pitr check [db]", "is the database ready for a recovery: backup retention, restorable window, RPO lag, deletion protection, a recent drill", 0, 1, false,
            (a, _, ct) => CheckAsync(a.ElementAtOrDefault(0), ct)),
        new("abort", "/pitr abort <id>", "stop a recovery before cutover; its restored database is deleted", 1, 1, true,
            (a, p, ct) => MessageAsync(sender.Send(new AbortRecovery(a[0], p.Actor), ct))),
        new("rollback", "/pitr rollback <id> [reason]", "point the secret back at the original database and restart the workloads", 1, 20, true,
            (a, p, ct) => MessageAsync(sender.Send(new RollbackRecovery(a[0], p.Actor, a.Length > 1 ? string.Join(' ', a[1..]) : null), ct))),
        new("decommission", "/pitr decommission <id>", "delete the database a completed recovery replaced, before its retention ends", 1, 1, true,
            (a, p, ct) => MessageAsync(sender.Send(new DecommissionRecovery(a[0], p.Actor), ct))),
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

        return text.Append("Times always carry an offset: `").Append(TargetTime.Example).Append("` or `2024-05-01T12:32:15+02:00`.").ToString();
    }

    private async Task<string> StartAsync(StartRecovery command, CancellationToken cancellationToken)
    {
        var result = await sender.Send(command, cancellationToken);
        return result.Succeeded ? $":white_check_mark: {result.Message} The plan is in the channel." : $":no_entry: {result.Message}";
    }

    private static async Task<string> MessageAsync(ValueTask<CommandResult> sent)
    {
        var result = await sent;
        return result.Succeeded ? $":white_check_mark: {result.Message}" : $":no_entry: {result.Message}";
    }

    private async Task<string> StatusAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return await sender.Send(new GetRecoveryStatus(id), cancellationToken) is { } status
                ? $"{Line(status.Recovery)}\n{RecoveryMessages.Report(status.Report)}"
                : $"There is no recovery `{id}`. `/pitr status` lists the recent ones.";
        }

        var recent = await sender.Send(new ListRecoveries(Limit: 10), cancellationToken);
        return recent.Count == 0
            ? "No recovery or drill has been run yet. `/pitr help` shows how to start one."
            : "*Recent recoveries and drills* (newest first)\n" + string.Join('\n', recent.Select(Line)) + "\n`/pitr status <id>` shows one in detail.";
    }

    private async Task<string> AuditAsync(string id, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetRecoveryStatus(id), cancellationToken) is not { } status)
        {
            return $"There is no recovery `{id}`. `/pitr status` lists the recent ones.";
        }

        var lines = status.Audit.Select(e => $"`{TimeFormat.Utc(e.At)}` {e.Actor} *{e.Action}* {e.From} → {e.To} — {e.Detail}").ToList();
        var text = $"*Audit trail of `{id}`* ({lines.Count} entries)\n" + string.Join('\n', lines);
        return text.Length <= AuditReplyLimit
            ? text
            : text[..AuditReplyLimit] + $"\n… cut here; `pitr audit {id} --json` prints all of it.";
    }

    private async Task<string> WindowAsync(string? database, CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new GetRestorableWindow(database), cancellationToken);
        return answer.Error is { } error
            ? $":no_entry: {error}"
            : $"`{answer.Database}` (source `{answer.Source?.Identifier}`) can be restored to any second from *{TimeFormat.Utc(answer.Window!.Earliest)}* to *{TimeFormat.Utc(answer.Window.Latest)}*" +
              (answer.Source is { } source ? $"; backups are kept {source.BackupRetentionDays} days." : ".");
    }

    private async Task<string> CheckAsync(string? database, CancellationToken cancellationToken)
    {
        var report = await sender.Send(new CheckReadiness(database), cancellationToken);
        if (report.Error is { } error)
        {
            return $":no_entry: {error}";
        }

        var text = new StringBuilder(report.Ready ? $":white_check_mark: `{report.Database}` is ready for a recovery.\n" : $":warning: `{report.Database}` is *not* ready for a recovery.\n");
        foreach (var item in report.Items)
        {
            text.Append(item.Passed ? "• :white_check_mark: " : "• :x: ").Append($"*{item.Name}*: {item.Observed} (expected {item.Expected})");
            text.Append(item.Fix is { } fix ? $"\n    _Fix:_ {fix}\n" : "\n");
        }

        return text.ToString().TrimEnd();
    }

    private static string Line(RecoverySnapshot r) =>
        $"• `{r.Id}` {(r.Mode == RecoveryMode.Drill ? "drill" : "recovery")} of `{r.Database}` — *{r.State}*, target {TimeFormat.Utc(r.CurrentAttempt.Target)}, " +
        $"attempt {r.CurrentAttempt.Number}, started by {r.Initiator} at {TimeFormat.Utc(r.RequestedAt)}" + (r.Problem is { } p ? $" — {p}" : "");
}
