using System.Globalization;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>The <c>rds-instance</c> engine: a single (optionally Multi-AZ) RDS for PostgreSQL instance.</summary>
/// <param name="restoreFrom">Where a cutover moved production, restored from instead of the configured source.</param>
internal sealed class RdsInstanceRestorer(RdsClient rds, RdsOptions options, string? restoreFrom = null) : IDatabaseRestorer
{
    private const string Kind = "DB instance";

    private string Source => restoreFrom ?? options.SourceIdentifier;

    /// <summary>RestoreTime is sent to the second (<see cref="RdsForm"/>).</summary>
    public TimeSpan TargetResolution => TimeSpan.FromSeconds(1);

    public async ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken)
    {
        var source = await rds.GetInstanceAsync(Source, cancellationToken);
        if (source.LatestRestorableTime is not { } latest || source.BackupRetentionDays == 0)
        {
            throw new AwsApiException($"The DB instance {source.Identifier} reports no restorable window: automated backups are off or none has completed yet. Set a backup retention of at least 30 days.");
        }

        return new RestorableWindow(await EarliestRestorableTimeAsync(source, latest, cancellationToken), latest);
    }

    public async ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken)
    {
        var source = await rds.GetInstanceAsync(Source, cancellationToken);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["engine"] = source.Engine,
            ["status"] = source.Status,
            ["instanceClass"] = source.InstanceClass,
            ["multiAz"] = source.MultiAz ? "true" : "false",
            ["subnetGroup"] = source.SubnetGroup ?? "",
            ["securityGroups"] = string.Join(",", source.SecurityGroupIds),
            ["parameterGroup"] = source.ParameterGroup ?? "",
            ["port"] = source.Port?.ToString(CultureInfo.InvariantCulture) ?? "",
            [SourceDescription.LogExportsSetting] = source.Settings[RdsSettings.LogExports] ?? "",
        };
        foreach (var (key, value) in await RdsStatementLogging.ReadAsync(rds, source.ParameterGroup, clusterGroup: false, cancellationToken))
        {
            settings[key] = value;
        }

        return new SourceDescription(source.Identifier, EndpointOf(source), source.BackupRetentionDays, source.DeletionProtection, settings)
        {
            ExpectedDifferences = [.. RdsOverride.Expected(source.Settings, Overrides, "")],
        };
    }

    public async ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var existing = await rds.FindInstanceAsync(request.Identifier, cancellationToken);
        if (existing is not null)
        {
            RdsTags.EnsureOurs(existing.Tags, request.Identifier, Kind);
            return;
        }

        var source = await rds.GetInstanceAsync(Source, cancellationToken);
        var form = new RdsForm("RestoreDBInstanceToPointInTime")
            .Add("SourceDBInstanceIdentifier", source.Identifier)
            .Add("TargetDBInstanceIdentifier", request.Identifier)
            .Add("RestoreTime", request.Target)
            .Carry(RdsOverride.Apply(source.Settings, Overrides), RdsCarriedSettings.InstanceRestore)
            .Add("DeletionProtection", options.DeletionProtection)
            .AddTags(RdsTags.For(request, source.Tags, options.CopySourceTags));
        try
        {
            await rds.CallAsync(form, cancellationToken);
        }
        catch (AwsApiException e) when (e.Code is "DBInstanceAlreadyExists" or "DBInstanceAlreadyExistsFault")
        {
            var raced = await rds.GetInstanceAsync(request.Identifier, cancellationToken);
            RdsTags.EnsureOurs(raced.Tags, request.Identifier, Kind);
        }
    }

    public async ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken)
    {
        var instance = await rds.FindInstanceAsync(identifier, cancellationToken);
        if (instance is null)
        {
            return new RestoreStatus(RestorePhase.NotFound);
        }

        if (RdsStatuses.IsFailed(instance.Status))
        {
            return new RestoreStatus(RestorePhase.Failed, Detail: RdsStatuses.Explain(Kind, identifier, instance.Status));
        }

        if (instance.Status != RdsStatuses.Available || EndpointOf(instance) is not { } endpoint)
        {
            return new RestoreStatus(RestorePhase.Creating, Detail: $"instance {instance.Status}");
        }

        if (!instance.Tags.ContainsKey(RdsTags.SettingsApplied))
        {
            var source = await rds.GetInstanceAsync(Source, cancellationToken);
            await RdsFollowUpSettings.ApplyAsync(rds, "ModifyDBInstance", "DBInstanceIdentifier", identifier, instance.Arn,
                source.Settings, instance.Settings, RdsCarriedSettings.InstanceModify, cancellationToken);
            return new RestoreStatus(RestorePhase.Creating, Detail: "instance available, applying the source's backup, maintenance and monitoring settings");
        }

        return new RestoreStatus(RestorePhase.Available, endpoint, "instance available");
    }

    public async ValueTask<IReadOnlyList<SettingDifference>?> CompareWithSourceAsync(string identifier, CancellationToken cancellationToken)
    {
        var source = await rds.GetInstanceAsync(Source, cancellationToken);
        var restore = await rds.GetInstanceAsync(identifier, cancellationToken);
        return [.. RdsSettingsComparison.Compare(source.Settings, restore.Settings, RdsCarriedSettings.InstanceCompared, "", RdsOverride.Reasons(Overrides))];
    }

    public async ValueTask<ProtectionReport> ProtectAsync(string identifier, CancellationToken cancellationToken)
    {
        var source = await rds.GetInstanceAsync(Source, cancellationToken);
        var production = await rds.GetInstanceAsync(identifier, cancellationToken);
        return await new RdsProtection(rds, options).ProtectAsync(RdsProtected.Of(production), source.Settings[RdsSettings.LogExports],
            async () => RdsProtected.Of(await rds.GetInstanceAsync(identifier, cancellationToken)), cancellationToken);
    }

    public IDatabaseRestorer From(string production) =>
        production == Source ? this : new RdsInstanceRestorer(rds, options, production);

    public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) =>
        RdsDeletion.UnlessDeniedAsync(() => DeleteInstanceAsync(identifier, cancellationToken));

    private async Task DeleteInstanceAsync(string identifier, CancellationToken cancellationToken)
    {
        var instance = await rds.FindInstanceAsync(identifier, cancellationToken);
        if (instance is null || instance.Status == "deleting")
        {
            return;
        }

        if (instance.DeletionProtection)
        {
            if (!RdsTags.AreOurs(instance.Tags, identifier))
            {
                throw new AwsApiException($"The DB instance {identifier} has deletion protection on and was not restored by this bot; turn deletion protection off yourself if it really should go.");
            }

            await rds.CallAsync(new RdsForm("ModifyDBInstance").Add("DBInstanceIdentifier", identifier).Add("DeletionProtection", false).Add("ApplyImmediately", true), cancellationToken);
        }

        await RdsDeletion.DeleteInstanceAsync(rds, identifier, skipFinalSnapshot: true, cancellationToken);
    }

    /// <summary>
    /// The instance's automated backups know the earliest restorable time. Where they do not say,
    /// the window reaches back the retention period, but not before the instance existed.
    /// </summary>
    private async Task<DateTimeOffset> EarliestRestorableTimeAsync(RdsInstance source, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        var result = await rds.CallAsync(new RdsForm("DescribeDBInstanceAutomatedBackups").Add("DBInstanceIdentifier", source.Identifier), cancellationToken);
        var reported = result.Child("DBInstanceAutomatedBackups")?.Children("DBInstanceAutomatedBackup")
            .Select(b => b.Child("RestoreWindow")?.Time("EarliestTime"))
            .Where(t => t is not null)
            .Min();
        if (reported is { } earliest)
        {
            return earliest;
        }

        var byRetention = latest - TimeSpan.FromDays(source.BackupRetentionDays);
        return source.CreatedAt is { } created && created > byRetention ? created : byRetention;
    }

    private IReadOnlyList<RdsOverride> Overrides => RdsOverride.Of(options, "DBInstanceClass", "DBParameterGroupName");

    private DatabaseEndpoint? EndpointOf(RdsInstance instance) =>
        instance.Address is { } host ? new DatabaseEndpoint(instance.Identifier, host, instance.Port ?? 5432, options.DatabaseName ?? instance.DatabaseName ?? "postgres") : null;
}
