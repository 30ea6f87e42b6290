using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>Compares a restore's settings with its source's, as both are described now: a check, not a record of what was sent.</summary>
internal static class RdsSettingsComparison
{
    private const string Unset = "(none)";

    /// <param name="prefix">Names the part compared, e.g. "writer " for the instance in an Aurora cluster.</param>
    /// <param name="why">Why a setting was meant to differ (a configured override), or null.</param>
    public static IEnumerable<SettingDifference> Compare(RdsSettings source, RdsSettings restore, IEnumerable<string> keys, string prefix, Func<string, string?> why) =>
        from key in keys.Distinct(StringComparer.Ordinal)
        let was = source[key]
        let now = restore[key]
        where (was ?? now) is not null && was != now
        select new SettingDifference(prefix + key, was ?? Unset, now ?? Unset, why(key));
}
