using System.Globalization;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>
/// The <c>rds-cluster</c> engine: Aurora and Multi-AZ DB clusters. A restored Aurora cluster has no
/// instance, so once the cluster is available a writer is created in it; the restore is available
/// when both are.
/// </summary>
/// <param name="restoreFrom">Where a cutover moved production, restored from instead of the configured source.</param>
internal sealed class RdsClusterRestorer(RdsClient rds, RdsOptions options, string? restoreFrom = null) : IDatabaseRestorer
{
    private const string Kind = "DB cluster";

    private readonly RdsClusterSettings fromSource = new(rds, options, restoreFrom ?? options.SourceIdentifier);

    private string Source => restoreFrom ?? options.SourceIdentifier;

    /// <summary>RestoreTime is sent to the second (<see cref="RdsForm"/>).</summary>
    public TimeSpan TargetResolution => TimeSpan.FromSeconds(1);

    public async ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) =>
        WindowOf(await rds.GetClusterAsync(Source, cancellationToken));

    public async ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken)
    {
        var source = await rds.GetClusterAsync(Source, cancellationToken);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["engine"] = source.Engine,
            ["status"] = source.Status,
            ["subnetGroup"] = source.SubnetGroup ?? "",
            ["securityGroups"] = string.Join(",", source.SecurityGroupIds),
            ["parameterGroup"] = source.ParameterGroup ?? "",
            ["kmsKeyId"] = source.KmsKeyId ?? "",
            ["port"] = source.Port?.ToString(CultureInfo.InvariantCulture) ?? "",
            [SourceDescription.LogExportsSetting] = source.Settings[RdsSettings.LogExports] ?? "",
        };
        foreach (var (key, value) in await RdsStatementLogging.ReadAsync(rds, source.ParameterGroup, clusterGroup: true, cancellationToken))
        {
            settings[key] = value;
        }

        return new SourceDescription(source.Identifier, EndpointOf(source), source.BackupRetentionDays, source.DeletionProtection, settings)
        {
            ExpectedDifferences = await fromSource.ExpectedDifferencesAsync(source, cancellationToken),
        };
    }

    public async ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var existing = await rds.FindClusterAsync(request.Identifier, cancellationToken);
        if (existing is not null)
        {
            RdsTags.EnsureOurs(existing.Tags, request.Identifier, Kind);
            return;
        }

        var source = await rds.GetClusterAsync(Source, cancellationToken);
        var form = new RdsForm("RestoreDBClusterToPointInTime")
            .Add("DBClusterIdentifier", request.Identifier)
            .Add("SourceDBClusterIdentifier", source.Identifier)
            .Add("RestoreToTime", request.Target)
            .Carry(RdsOverride.Apply(source.Settings, fromSource.ClusterOverrides(source)), RdsClusterSettings.RestoreKeys(source))
            .Add("DeletionProtection", options.DeletionProtection)
            .AddTags(RdsTags.For(request, source.Tags, options.CopySourceTags));
        try
        {
            await rds.CallAsync(form, cancellationToken);
        }
        catch (AwsApiException e) when (e.Code == "DBClusterAlreadyExistsFault")
        {
            // Another bot replica got there first; resume it if it is ours.
            var raced = await rds.GetClusterAsync(request.Identifier, cancellationToken);
            RdsTags.EnsureOurs(raced.Tags, request.Identifier, Kind);
        }
    }

    public async ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken)
    {
        var cluster = await rds.FindClusterAsync(identifier, cancellationToken);
        if (cluster is null)
        {
            return new RestoreStatus(RestorePhase.NotFound);
        }

        if (RdsStatuses.IsFailed(cluster.Status))
        {
            return new RestoreStatus(RestorePhase.Failed, Detail: RdsStatuses.Explain(Kind, identifier, cluster.Status));
        }

        if (cluster.Status != RdsStatuses.Available)
        {
            return new RestoreStatus(RestorePhase.Creating, Detail: $"cluster {cluster.Status}");
        }

        if (!cluster.Tags.ContainsKey(RdsTags.SettingsApplied))
        {
            var source = await rds.GetClusterAsync(Source, cancellationToken);
            await RdsFollowUpSettings.ApplyAsync(rds, "ModifyDBCluster", "DBClusterIdentifier", identifier, cluster.Arn,
                source.Settings, cluster.Settings, RdsClusterSettings.ModifyKeys(cluster), cancellationToken);
            return new RestoreStatus(RestorePhase.Creating, Detail: "cluster available, applying the source's backup and maintenance settings");
        }

        if (!cluster.IsAurora)
        {
            return new RestoreStatus(RestorePhase.Available, EndpointOf(cluster), "cluster available");
        }

        var writerId = WriterIdentifier(identifier);
        var writer = await rds.FindInstanceAsync(writerId, cancellationToken);
        if (writer is null)
        {
            await CreateWriterAsync(cluster, writerId, cancellationToken);
            return new RestoreStatus(RestorePhase.Creating, Detail: $"cluster available, creating writer instance {writerId}");
        }

        if (RdsStatuses.IsFailed(writer.Status))
        {
            return new RestoreStatus(RestorePhase.Failed, Detail: RdsStatuses.Explain("DB instance", writerId, writer.Status));
        }

        return writer.Status == RdsStatuses.Available
            ? new RestoreStatus(RestorePhase.Available, EndpointOf(cluster), "cluster and writer available")
            : new RestoreStatus(RestorePhase.Creating, Detail: $"cluster available, writer instance {writer.Status}");
    }

    public async ValueTask<IReadOnlyList<SettingDifference>?> CompareWithSourceAsync(string identifier, CancellationToken cancellationToken) =>
        await fromSource.CompareAsync(identifier, WriterIdentifier(identifier), cancellationToken);

    public async ValueTask<ProtectionReport> ProtectAsync(string identifier, CancellationToken cancellationToken)
    {
        var source = await rds.GetClusterAsync(Source, cancellationToken);
        var production = await rds.GetClusterAsync(identifier, cancellationToken);
        return await new RdsProtection(rds, options).ProtectAsync(RdsProtected.Of(production), source.Settings[RdsSettings.LogExports],
            async () => RdsProtected.Of(await rds.GetClusterAsync(identifier, cancellationToken)), cancellationToken);
    }

    public IDatabaseRestorer From(string production) =>
        production == Source ? this : new RdsClusterRestorer(rds, options, production);

    public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) =>
        RdsDeletion.UnlessDeniedAsync(() => DeleteClusterAsync(identifier, cancellationToken));

    private async Task DeleteClusterAsync(string identifier, CancellationToken cancellationToken)
    {
        var cluster = await rds.FindClusterAsync(identifier, cancellationToken);
        if (cluster is null || cluster.Status == "deleting")
        {
            return;
        }

        if (cluster.DeletionProtection)
        {
            if (!RdsTags.AreOurs(cluster.Tags, identifier))
            {
                throw new AwsApiException($"The DB cluster {identifier} has deletion protection on and was not restored by this bot; turn deletion protection off yourself if it really should go.");
            }

            await rds.CallAsync(new RdsForm("ModifyDBCluster").Add("DBClusterIdentifier", identifier).Add("DeletionProtection", false).Add("ApplyImmediately", true), cancellationToken);
        }

        foreach (var member in cluster.Members)
        {
            await RdsDeletion.DeleteInstanceAsync(rds, member.InstanceIdentifier, skipFinalSnapshot: false, cancellationToken);
        }

        try
        {
            await rds.CallAsync(new RdsForm("DeleteDBCluster").Add("DBClusterIdentifier", identifier).Add("SkipFinalSnapshot", true), cancellationToken);
        }
        catch (AwsApiException e) when (e.Code == "DBClusterNotFoundFault")
        {
            // Deleted meanwhile: that is what was asked for.
        }
    }

    /// <summary>The writer created in a restored Aurora cluster; derived, so a restarted bot finds it.</summary>
    public static string WriterIdentifier(string clusterIdentifier) => $"{clusterIdentifier}-1";

    private async Task CreateWriterAsync(RdsCluster cluster, string writerId, CancellationToken cancellationToken)
    {
        var source = await rds.GetClusterAsync(Source, cancellationToken);
        var sourceWriter = await fromSource.WriterOfAsync(source, cancellationToken);
        if (sourceWriter is null && options.InstanceClass is null)
        {
            throw new AwsApiException($"The source cluster {source.Identifier} has no writer to copy the instance class from; set Rds:InstanceClass for this database.");
        }

        var form = new RdsForm("CreateDBInstance")
            .Add("DBInstanceIdentifier", writerId)
            .Add("DBClusterIdentifier", cluster.Identifier)
            .Add("Engine", cluster.Engine)
            .Carry(RdsOverride.Apply(sourceWriter?.Settings ?? RdsSettings.None, fromSource.WriterOverrides), RdsCarriedSettings.AuroraWriter)
            .AddTags(cluster.Tags.Where(t => t.Key != RdsTags.SettingsApplied));
        try
        {
            await rds.CallAsync(form, cancellationToken);
        }
        catch (AwsApiException e) when (e.Code is "DBInstanceAlreadyExists" or "DBInstanceAlreadyExistsFault")
        {
            // Created by an earlier poll whose answer was lost.
        }
    }

    private static RestorableWindow WindowOf(RdsCluster source) =>
        source is { EarliestRestorableTime: { } earliest, LatestRestorableTime: { } latest }
            ? new RestorableWindow(earliest, latest)
            : throw new AwsApiException($"The DB cluster {source.Identifier} reports no restorable window: automated backups are off or none has completed yet. Set a backup retention of at least 30 days.");

    private DatabaseEndpoint? EndpointOf(RdsCluster cluster) =>
        cluster.Endpoint is { } host ? new DatabaseEndpoint(cluster.Identifier, host, cluster.Port ?? 5432, options.DatabaseName ?? cluster.DatabaseName ?? "postgres") : null;
}
