using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>A setting the configuration chose for the restore instead of the source's.</summary>
/// <param name="Option">The option under <c>Rds:</c> that chose it.</param>
internal sealed record RdsOverride(string Setting, string Value, string Option)
{
    /// <summary>The configured overrides, named as the call that carries them names them.</summary>
    /// <param name="classSetting"><c>DBInstanceClass</c>, or <c>DBClusterInstanceClass</c> for a Multi-AZ DB cluster.</param>
    /// <param name="parameterGroupSetting"><c>DBParameterGroupName</c> or <c>DBClusterParameterGroupName</c>; null where the option does not apply.</param>
    public static IReadOnlyList<RdsOverride> Of(RdsOptions options, string? classSetting, string? parameterGroupSetting)
    {
        var chosen = new List<RdsOverride>();
        void Add(string? setting, string? value, string option)
        {
            if (setting is not null && !string.IsNullOrEmpty(value))
            {
                chosen.Add(new RdsOverride(setting, value, option));
            }
        }

        Add(classSetting, options.InstanceClass, nameof(options.InstanceClass));
        Add("DBSubnetGroupName", options.SubnetGroup, nameof(options.SubnetGroup));
        Add(RdsSettings.SecurityGroups, string.Join(",", options.SecurityGroupIds.Order(StringComparer.Ordinal)), nameof(options.SecurityGroupIds));
        Add(parameterGroupSetting, options.ParameterGroup, nameof(options.ParameterGroup));
        Add("DeletionProtection", options.DeletionProtection ? "true" : "false", nameof(options.DeletionProtection));
        return chosen;
    }

    public static RdsSettings Apply(RdsSettings source, IEnumerable<RdsOverride> overrides) =>
        source.With(overrides.Select(o => new KeyValuePair<string, string?>(o.Setting, o.Value)));

    /// <summary>The overrides that make the restore differ from <paramref name="source"/>, for the plan.</summary>
    public static IEnumerable<SettingDifference> Expected(RdsSettings source, IEnumerable<RdsOverride> overrides, string prefix) =>
        RdsSettingsComparison.Compare(source, Apply(source, overrides), overrides.Select(o => o.Setting), prefix, Reasons(overrides));

    /// <summary>Why a setting differs from the source on purpose, for the settings diff.</summary>
    public static Func<string, string?> Reasons(IEnumerable<RdsOverride> overrides)
    {
        var byKey = overrides.ToDictionary(o => o.Setting, o => $"set by {RdsOptions.Section}:{o.Option}", StringComparer.Ordinal);
        return key => byKey.GetValueOrDefault(key);
    }
}
