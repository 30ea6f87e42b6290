using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

/// <summary>A recovery as the CLI prints it with <c>--json</c>: where it stands, never a credential.</summary>
internal static class RecoveryJson
{
    public static object From(RecoverySnapshot r) => new
    {
        recoveryId = r.Id,
        database = r.Database,
        source = r.SourceIdentifier,
        drill = r.IsDrill,
        state = r.State.ToString(),
        target = r.CurrentAttempt.Target,
        attempt = r.CurrentAttempt.Number,
        restoreMethod = r.CurrentAttempt.Method.ToString(),
        restoredEndpoint = ReportJson.Endpoint(r.CurrentAttempt.Endpoint),
        validationPassed = r.CurrentAttempt.Validation?.Passed,
        initiator = r.Initiator.Name,
        approver = r.Approver?.Name,
        problem = r.Trouble is { } trouble ? CliSession.Say.Narrative.Trouble(trouble) : null,
        requestedAt = r.RequestedAt,
        completedAt = r.CompletedAt,
    };
}
