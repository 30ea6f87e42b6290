using System.Globalization;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>
/// The <c>rds-cluster</c> engine: Aurora and Multi-AZ DB clusters. A restored Aurora cluster has no
/// instance, so once the cluster is available a writer is created in it; the restore is available
/// when both are.
/// </summary>
internal sealed class RdsClusterRestorer(RdsClient rds, RdsOptions options) : IDatabaseRestorer
{
    private const string Kind = "DB cluster";

    public async ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) =>
        WindowOf(await rds.GetClusterAsync(options.SourceIdentifier, cancellationToken));

    public async ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken)
    {
        var source = await rds.GetClusterAsync(options.SourceIdentifier, cancellationToken);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["engine"] = source.Engine,
            ["status"] = source.Status,
            ["subnetGroup"] = source.SubnetGroup ?? "",
            ["securityGroups"] = string.Join(",", source.SecurityGroupIds),
            ["parameterGroup"] = source.ParameterGroup ?? "",
            ["kmsKeyId"] = source.KmsKeyId ?? "",
            ["port"] = source.Port?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
        return new SourceDescription(source.Identifier, EndpointOf(source), source.BackupRetentionDays, source.DeletionProtection, settings)
        {
            ExpectedDifferences = await ExpectedDifferencesAsync(source, cancellationToken),
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

        var source = await rds.GetClusterAsync(options.SourceIdentifier, cancellationToken);
        var form = new RdsForm("RestoreDBClusterToPointInTime")
            .Add("DBClusterIdentifier", request.Identifier)
            .Add("SourceDBClusterIdentifier", source.Identifier)
            .Add("RestoreToTime", request.Target)
            .Carry(RdsOverride.Apply(source.Settings, ClusterOverrides(source)), RestoreKeys(source))
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
            var source = await rds.GetClusterAsync(options.SourceIdentifier, cancellationToken);
            await RdsFollowUpSettings.ApplyAsync(rds, "ModifyDBCluster", "DBClusterIdentifier", identifier, cluster.Arn,
                source.Settings, cluster.Settings, ModifyKeys(cluster), cancellationToken);
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

    public async ValueTask<IReadOnlyList<SettingDifference>?> CompareWithSourceAsync(string identifier, CancellationToken cancellationToken)
    {
        var source = await rds.GetClusterAsync(options.SourceIdentifier, cancellationToken);
        var restore = await rds.GetClusterAsync(identifier, cancellationToken);
        var differences = RdsSettingsComparison.Compare(source.Settings, restore.Settings, RdsCarriedSettings.ClusterCompared, "", RdsOverride.Reasons(ClusterOverrides(source))).ToList();
        if (!source.IsAurora)
        {
            return differences;
        }

        var sourceWriter = await WriterOfAsync(source, cancellationToken);
        var restoreWriter = await rds.FindInstanceAsync(WriterIdentifier(identifier), cancellationToken);
        if (sourceWriter is not null && restoreWriter is not null)
        {
            differences.AddRange(RdsSettingsComparison.Compare(sourceWriter.Settings, restoreWriter.Settings, RdsCarriedSettings.AuroraWriter, "writer ", RdsOverride.Reasons(WriterOverrides)));
        }

        differences.AddRange(ReadersNotRecreated(source));
        return differences;
    }

    private async Task<IReadOnlyList<SettingDifference>> ExpectedDifferencesAsync(RdsCluster source, CancellationToken cancellationToken)
    {
        var expected = RdsOverride.Expected(source.Settings, ClusterOverrides(source), "").ToList();
        if (source.IsAurora)
        {
            if (await WriterOfAsync(source, cancellationToken) is { } writer)
            {
                expected.AddRange(RdsOverride.Expected(writer.Settings, WriterOverrides.Where(o => o.Setting == "DBInstanceClass"), "writer "));
            }

            expected.AddRange(ReadersNotRecreated(source));
        }

        return expected;
    }

    /// <summary>Aurora readers are not restored: only the writer is created in the restored cluster.</summary>
    private static IEnumerable<SettingDifference> ReadersNotRecreated(RdsCluster source) =>
        source.Members.Count(m => !m.IsWriter) is var readers and > 0
            ? [new SettingDifference("reader instances", readers.ToString(CultureInfo.InvariantCulture), "0",
                "the restore gets a writer only; add readers (with their parameter groups) before the load needs them")]
            : [];

    public async ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken)
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
        var source = await rds.GetClusterAsync(options.SourceIdentifier, cancellationToken);
        var sourceWriter = await WriterOfAsync(source, cancellationToken);
        if (sourceWriter is null && options.InstanceClass is null)
        {
            throw new AwsApiException($"The source cluster {source.Identifier} has no writer to copy the instance class from; set Rds:InstanceClass for this database.");
        }

        var form = new RdsForm("CreateDBInstance")
            .Add("DBInstanceIdentifier", writerId)
            .Add("DBClusterIdentifier", cluster.Identifier)
            .Add("Engine", cluster.Engine)
            .Carry(RdsOverride.Apply(sourceWriter?.Settings ?? RdsSettings.None, WriterOverrides), RdsCarriedSettings.AuroraWriter)
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

    private async Task<RdsInstance?> WriterOfAsync(RdsCluster cluster, CancellationToken cancellationToken) =>
        cluster.Members.FirstOrDefault(m => m.IsWriter) is { } member ? await rds.FindInstanceAsync(member.InstanceIdentifier, cancellationToken) : null;

    /// <summary>Aurora takes Serverless v2 capacity on restore and refuses the Multi-AZ-only settings (its monitoring lives on the writer).</summary>
    private static string[] RestoreKeys(RdsCluster source) => source.IsAurora
        ? [.. RdsCarriedSettings.ClusterRestore, .. RdsCarriedSettings.AuroraClusterRestore]
        : [.. RdsCarriedSettings.ClusterRestore, .. RdsCarriedSettings.MultiAzClusterRestore];

    private static string[] ModifyKeys(RdsCluster cluster) => cluster.IsAurora
        ? RdsCarriedSettings.ClusterModify
        : [.. RdsCarriedSettings.ClusterModify, .. RdsCarriedSettings.MultiAzClusterModify];

    private IReadOnlyList<RdsOverride> ClusterOverrides(RdsCluster source) =>
        RdsOverride.Of(options, source.IsAurora ? null : "DBClusterInstanceClass", "DBClusterParameterGroupName");

    private IReadOnlyList<RdsOverride> WriterOverrides => RdsOverride.Of(options, "DBInstanceClass", null);

    private static RestorableWindow WindowOf(RdsCluster source) =>
        source is { EarliestRestorableTime: { } earliest, LatestRestorableTime: { } latest }
            ? new RestorableWindow(earliest, latest)
            : throw new AwsApiException($"The DB cluster {source.Identifier} reports no restorable window: automated backups are off or none has completed yet. Set a backup retention of at least 30 days.");

    private DatabaseEndpoint? EndpointOf(RdsCluster cluster) =>
        cluster.Endpoint is { } host ? new DatabaseEndpoint(cluster.Identifier, host, cluster.Port ?? 5432, options.DatabaseName ?? cluster.DatabaseName ?? "postgres") : null;
}
