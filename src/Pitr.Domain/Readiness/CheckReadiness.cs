using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Lineage;

namespace Pitr.Domain.Readiness;

/// <summary><c>pitr check</c> / <c>/pitr check [db]</c>: is this database ready to be recovered within the targets?</summary>
public sealed record CheckReadiness(string? Database, ReadinessTargets? Targets = null) : IQuery<ReadinessReport>
{
    /// <summary>The database to check instead of where production runs now: the restore a recovery is about to complete onto.</summary>
    public string? Production { get; init; }
}

/// <param name="rules">The targets of <c>Pitr:Rules</c>, used when the query brings none.</param>
public sealed class CheckReadinessHandler(IDatabaseCatalog catalog, IRecoveryStore store, IDrillSchedules schedules, ReadinessTargets rules, TimeProvider clock)
    : IQueryHandler<CheckReadiness, ReadinessReport>
{
    /// <summary>How many recent recoveries are searched for the last drill.</summary>
    private const int DrillSearchDepth = 500;

    public async ValueTask<ReadinessReport> Handle(CheckReadiness query, CancellationToken cancellationToken)
    {
        var database = query.Database ?? catalog.DefaultDatabase;
        if (catalog.Find(database) is not { } configured)
        {
            return new ReadinessReport(database, [], new UnknownDatabase(database, catalog.Names));
        }

        // After a cutover the database to be ready is the new production.
        var binding = query.Production is { } production
            ? configured with { Restorer = configured.Restorer.From(production) }
            : (await ProductionLineage.BindAsync(store, configured, cancellationToken)).Binding;

        var targets = query.Targets ?? rules;
        var now = clock.GetUtcNow();
        var items = new List<ReadinessItem>();

        var source = await AskAsync(() => binding.Restorer.DescribeSourceAsync(cancellationToken));
        if (source.Value is { } description)
        {
            items.Add(Retention(description, targets));
        }
        else
        {
            items.Add(Unanswered("Backup retention", source.Error!));
        }

        var window = await AskAsync(() => binding.Restorer.GetRestorableWindowAsync(cancellationToken));
        if (window.Value is { } restorable)
        {
            items.Add(Coverage(restorable, source.Value?.BackupRetentionDays ?? targets.MinimumRetentionDays, targets, now));
            items.Add(Lag(restorable, targets, now));
        }
        else
        {
            items.Add(Unanswered("Restorable window", window.Error!));
            items.Add(Unanswered("Recovery point lag (RPO)", window.Error!));
        }

        if (source.Value is not { } described)
        {
            items.Add(Unanswered("Deletion protection", source.Error!));
        }
        else if (described.DeletionProtection is { } protection)
        {
            items.Add(Protection(described, protection));
        }

        if (source.Value?.Settings.GetValueOrDefault(SourceDescription.LogExportsSetting) is { } exports)
        {
            items.Add(History(source.Value, exports));
        }

        if (source.Value is { } logged && StatementLogging.Judge(logged) is { } statements)
        {
            items.Add(statements);
        }

        items.Add(DrillReadiness.Item(database, await store.ListRecentAsync(database, DrillSearchDepth, cancellationToken), schedules.Find(database), targets, now));
        return new ReadinessReport(database, items);
    }

    /// <summary>Without the PostgreSQL log in CloudWatch no recovery point can be proposed on a managed engine: people must find the second themselves.</summary>
    private static ReadinessItem History(SourceDescription source, string exports) =>
        exports.Split(',').Contains("postgresql", StringComparer.Ordinal)
            ? Pass("Recovery-point history", "postgresql log exported to CloudWatch Logs", "postgresql log exported")
            : Fail("Recovery-point history", exports.Length == 0 ? "no log exported" : $"exports {exports}", "postgresql log exported",
                $"Export the postgresql log of {source.Identifier} (RDS: modify-db-cluster or modify-db-instance with --cloudwatch-logs-export-configuration EnableLogTypes=postgresql) and set log_statement to ddl or mod in its parameter group, so that destructive statements can be found.");

    private static ReadinessItem Retention(SourceDescription source, ReadinessTargets targets) =>
        source.BackupRetentionDays >= targets.MinimumRetentionDays
            ? Pass("Backup retention", $"{source.BackupRetentionDays} days", $"≥ {targets.MinimumRetentionDays} days")
            : Fail("Backup retention", $"{source.BackupRetentionDays} days", $"≥ {targets.MinimumRetentionDays} days",
                $"Raise the backup retention of {source.Identifier} to at least {targets.MinimumRetentionDays} days (RDS: modify-db-cluster or modify-db-instance with --backup-retention-period {targets.MinimumRetentionDays} --apply-immediately).");

    private static ReadinessItem Coverage(RestorableWindow window, int retentionDays, ReadinessTargets targets, DateTimeOffset now)
    {
        var required = TimeSpan.FromDays(Math.Max(retentionDays, targets.MinimumRetentionDays)) - targets.WindowSlack;
        var reach = now - window.Earliest;
        var observed = $"reaches back {reach.TotalDays:0.#} days (earliest {TimeFormat.Utc(window.Earliest)})";
        var expected = $"≥ {required.TotalDays:0.#} days";
        return reach >= required
            ? Pass("Restorable window", observed, expected)
            : Fail("Restorable window", observed, expected,
                "The window is shorter than the retention promises: the database or its backups are younger than that, or automated backups have been failing. Check the automated backups and their events; the check passes once they reach back the whole retention.");
    }

    private static ReadinessItem Lag(RestorableWindow window, ReadinessTargets targets, DateTimeOffset now)
    {
        var lag = now - window.Latest;
        var observed = $"latest restorable time {TimeFormat.Utc(window.Latest)}, {TimeFormat.Duration(lag < TimeSpan.Zero ? TimeSpan.Zero : lag)} behind";
        var expected = $"≤ {TimeFormat.Duration(targets.MaximumLag)} behind";
        return lag <= targets.MaximumLag
            ? Pass("Recovery point lag (RPO)", observed, expected)
            : Fail("Recovery point lag (RPO)", observed, expected,
                "Transaction logs are not reaching the backups fast enough, so recent changes could not be recovered. Check that the source is available and that its log backups are running (RDS: the database's events; local engine: archive_command errors in the server log).");
    }

    private static ReadinessItem Protection(SourceDescription source, bool on) =>
        on
            ? Pass("Deletion protection", "on", "on")
            : Fail("Deletion protection", "off", "on",
                $"Turn deletion protection on for {source.Identifier} (RDS: modify-db-cluster or modify-db-instance with --deletion-protection), so that the database cannot be deleted by mistake.");

    private static ReadinessItem Pass(string name, string observed, string expected) => new(name, true, observed, expected, null);

    private static ReadinessItem Fail(string name, string observed, string expected, string fix) => new(name, false, observed, expected, fix);

    private static ReadinessItem Unanswered(string name, string error) =>
        Fail(name, "could not be read", "an answer from the engine", error);

    /// <summary>An engine that cannot answer fails the items that need it, with its own explanation, instead of hiding the others.</summary>
    private static async ValueTask<(T? Value, string? Error)> AskAsync<T>(Func<ValueTask<T>> ask)
        where T : class
    {
        try
        {
            return (await ask(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e.Message);
        }
    }
}
