using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Readiness;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>
/// Makes a restore that became production recoverable in its own right: backup retention at least the configured
/// minimum, deletion protection on, the source's CloudWatch log exports. Only our own <c>pitr-*</c> databases are
/// modified; what cannot be set is reported as a failed item with the command that sets it.
/// </summary>
internal sealed class RdsProtection(RdsClient rds, RdsOptions options)
{
    public async Task<ProtectionReport> ProtectAsync(RdsProtected production, string? sourceExports, Func<Task<RdsProtected>> describe, CancellationToken cancellationToken)
    {
        var minimum = options.MinimumBackupRetentionDays;
        var form = new RdsForm(production.Modify).Add(production.IdentifierField, production.Identifier);
        var asIs = form.Fields.Count;
        if (production.RetentionDays < minimum)
        {
            form.Add("BackupRetentionPeriod", minimum);
        }

        if (!production.DeletionProtection)
        {
            form.Add("DeletionProtection", true);
        }

        var missing = Exports(sourceExports).Except(Exports(production.LogExports), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            form.AddList("CloudwatchLogsExportConfiguration.EnableLogTypes", "member", missing);
        }

        string? why = null;
        if (form.Fields.Count > asIs)
        {
            if (!IsOurs(production))
            {
                why = $"{production.Identifier} was not created by this bot, which therefore leaves it alone";
            }
            else
            {
                try
                {
                    await rds.CallAsync(form.Add("ApplyImmediately", true), cancellationToken);
                    production = await describe();
                }
                catch (AwsApiException e)
                {
                    why = e.Message;
                }
            }
        }

        return new ProtectionReport(Items(production, sourceExports, minimum, why));
    }

    /// <summary>Named and tagged by this bot: the only databases it modifies.</summary>
    private static bool IsOurs(RdsProtected production) =>
        production.Identifier.StartsWith("pitr-", StringComparison.Ordinal) && RdsTags.AreOurs(production.Tags, production.Identifier);

    private static IReadOnlyList<ReadinessItem> Items(RdsProtected p, string? sourceExports, int minimum, string? why)
    {
        var fix = $"{(why is null ? "" : why + ". ")}Run: aws rds {p.Cli} {p.Identifier}";
        var missing = Exports(sourceExports).Except(Exports(p.LogExports), StringComparer.Ordinal).ToList();
        return
        [
            Item("Backup retention", p.RetentionDays >= minimum, $"{p.RetentionDays} days", $"≥ {minimum} days", $"{fix} --backup-retention-period {minimum} --apply-immediately"),
            Item("Deletion protection", p.DeletionProtection, p.DeletionProtection ? "on" : "off", "on", $"{fix} --deletion-protection --apply-immediately"),
            Item("Log exports", missing.Count == 0, p.LogExports is { Length: > 0 } on ? on : "none", $"as the source: {sourceExports ?? "none"}",
                $"{fix} --cloudwatch-logs-export-configuration EnableLogTypes={string.Join(',', missing)} --apply-immediately"),
            Item("Latest restorable time", p.LatestRestorableTime is not null,
                p.LatestRestorableTime is { } latest ? TimeFormat.Utc(latest) : "none yet", "reported (automated backups running)",
                $"Automated backups of {p.Identifier} have not reported a restorable time yet: check its events, then Retry."),
        ];
    }

    private static ReadinessItem Item(string name, bool passed, string observed, string expected, string fix) =>
        new(name, passed, observed, expected, passed ? null : fix);

    private static string[] Exports(string? exports) =>
        (exports ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
