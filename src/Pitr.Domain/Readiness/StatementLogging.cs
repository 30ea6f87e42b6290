using Pitr.Domain.Ports;

namespace Pitr.Domain.Readiness;

/// <summary>
/// Whether the source's server logs the statements that destroy data. The log exports carry what the
/// server writes; only <c>log_statement</c> (or pgaudit) makes it write DROP, TRUNCATE and DELETE.
/// </summary>
internal static class StatementLogging
{
    private const string Name = "Destructive statements logged";

    private static readonly string[] Sufficient = ["ddl", "mod", "all"];

    private static readonly string[] AuditClasses = ["ddl", "write", "all"];

    /// <returns>No item where the engine cannot tell (the local engine reads its WAL instead).</returns>
    public static ReadinessItem? Judge(SourceDescription source)
    {
        if (source.Settings.GetValueOrDefault(SourceDescription.LogStatementSetting) is not { } logStatement)
        {
            return null;
        }

        var audit = source.Settings.GetValueOrDefault(SourceDescription.PgauditLogSetting);
        var observed = audit is null ? $"log_statement = {logStatement}" : $"log_statement = {logStatement}, pgaudit.log = {audit}";
        const string expected = "log_statement = ddl, mod or all (or pgaudit logging ddl and write)";
        if (Sufficient.Contains(logStatement, StringComparer.OrdinalIgnoreCase) || Audits(audit))
        {
            return new ReadinessItem(Name, true, observed, expected, null);
        }

        var group = source.Settings.GetValueOrDefault("parameterGroup") is { Length: > 0 } named ? named : "the source's parameter group";
        return new ReadinessItem(Name, false, observed, expected,
            $"Set log_statement to mod in {group} (it takes effect without a reboot): aws rds modify-db-cluster-parameter-group (or modify-db-parameter-group for an instance) --parameters ParameterName=log_statement,ParameterValue=mod,ApplyMethod=immediate. "
            + "A default.* group cannot be changed: create a custom group from it and attach it. With mod, DROP, TRUNCATE and mass DELETE/UPDATE reach the log, and recovery points can be proposed from them.");
    }

    private static bool Audits(string? classes) =>
        classes?.Split(',', StringSplitOptions.TrimEntries).Any(c => AuditClasses.Contains(c, StringComparer.OrdinalIgnoreCase)) == true;
}
