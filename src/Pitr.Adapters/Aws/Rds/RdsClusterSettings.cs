using System.Globalization;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>
/// What a cluster restore takes from its source and how the result is checked against it: which settings
/// each call carries, what the configuration overrides, and the comparison of cluster and writer.
/// </summary>
/// <param name="sourceIdentifier">The cluster restored from: the configured source, or the restore a cutover made production.</param>
internal sealed class RdsClusterSettings(RdsClient rds, RdsOptions options, string sourceIdentifier)
{
    /// <summary>The restore and its writer against the source and its writer, as both are described now.</summary>
    public async Task<IReadOnlyList<SettingDifference>> CompareAsync(string identifier, string writerIdentifier, CancellationToken cancellationToken)
    {
        var source = await rds.GetClusterAsync(sourceIdentifier, cancellationToken);
        var restore = await rds.GetClusterAsync(identifier, cancellationToken);
        var differences = RdsSettingsComparison.Compare(source.Settings, restore.Settings, RdsCarriedSettings.ClusterCompared, "", RdsOverride.Reasons(ClusterOverrides(source))).ToList();
        if (!source.IsAurora)
        {
            return differences;
        }

        var sourceWriter = await WriterOfAsync(source, cancellationToken);
        var restoreWriter = await rds.FindInstanceAsync(writerIdentifier, cancellationToken);
        if (sourceWriter is not null && restoreWriter is not null)
        {
            differences.AddRange(RdsSettingsComparison.Compare(sourceWriter.Settings, restoreWriter.Settings, RdsCarriedSettings.AuroraWriter, "writer ", RdsOverride.Reasons(WriterOverrides)));
        }

        differences.AddRange(ReadersNotRecreated(source));
        return differences;
    }

    /// <summary>What the plan says will differ: configured overrides, and the readers a restore does not recreate.</summary>
    public async Task<IReadOnlyList<SettingDifference>> ExpectedDifferencesAsync(RdsCluster source, CancellationToken cancellationToken)
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

    public async Task<RdsInstance?> WriterOfAsync(RdsCluster cluster, CancellationToken cancellationToken) =>
        cluster.Members.FirstOrDefault(m => m.IsWriter) is { } member ? await rds.FindInstanceAsync(member.InstanceIdentifier, cancellationToken) : null;

    /// <summary>Aurora takes Serverless v2 capacity on restore and refuses the Multi-AZ-only settings (its monitoring lives on the writer).</summary>
    public static string[] RestoreKeys(RdsCluster source) => source.IsAurora
        ? [.. RdsCarriedSettings.ClusterRestore, .. RdsCarriedSettings.AuroraClusterRestore]
        : [.. RdsCarriedSettings.ClusterRestore, .. RdsCarriedSettings.MultiAzClusterRestore];

    public static string[] ModifyKeys(RdsCluster cluster) => cluster.IsAurora
        ? RdsCarriedSettings.ClusterModify
        : [.. RdsCarriedSettings.ClusterModify, .. RdsCarriedSettings.MultiAzClusterModify];

    public IReadOnlyList<RdsOverride> ClusterOverrides(RdsCluster source) =>
        RdsOverride.Of(options, source.IsAurora ? null : "DBClusterInstanceClass", "DBClusterParameterGroupName");

    public IReadOnlyList<RdsOverride> WriterOverrides => RdsOverride.Of(options, "DBInstanceClass", null);
}
