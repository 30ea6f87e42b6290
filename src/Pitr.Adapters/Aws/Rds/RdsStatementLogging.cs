using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>
/// Reads from the source's parameter group whether PostgreSQL logs destructive statements
/// (<c>log_statement</c>, and <c>pgaudit.log</c> where pgaudit is used): without them the CloudWatch
/// log holds nothing to propose a recovery point from.
/// </summary>
internal static class RdsStatementLogging
{
    private static readonly string[] Wanted = ["log_statement", "pgaudit.log"];

    /// <summary>The source's settings for <see cref="SourceDescription.LogStatementSetting"/> and
    /// <see cref="SourceDescription.PgauditLogSetting"/>; none when the group cannot be read, so readiness
    /// judges the log exports alone rather than guessing.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(RdsClient rds, string? parameterGroup, bool clusterGroup, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(parameterGroup))
        {
            return new Dictionary<string, string>();
        }

        try
        {
            var values = await ParametersAsync(rds, parameterGroup, clusterGroup, cancellationToken);
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // Unset in a group means the engine default, which is none.
                [SourceDescription.LogStatementSetting] = values.GetValueOrDefault("log_statement", "none"),
            };
            if (values.TryGetValue("pgaudit.log", out var audit))
            {
                settings[SourceDescription.PgauditLogSetting] = audit;
            }

            return settings;
        }
        catch (AwsApiException)
        {
            return new Dictionary<string, string>();
        }
    }

    private static async Task<Dictionary<string, string>> ParametersAsync(RdsClient rds, string group, bool clusterGroup, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? marker = null;
        do
        {
            var form = clusterGroup
                ? new RdsForm("DescribeDBClusterParameters").Add("DBClusterParameterGroupName", group)
                : new RdsForm("DescribeDBParameters").Add("DBParameterGroupName", group);
            var result = await rds.CallAsync(form.Add("Marker", marker), cancellationToken);
            foreach (var parameter in result.Child("Parameters")?.Children("Parameter") ?? [])
            {
                if (parameter.Text("ParameterName") is { } name && Wanted.Contains(name, StringComparer.Ordinal) && parameter.Text("ParameterValue") is { Length: > 0 } value)
                {
                    values[name] = value;
                }
            }

            marker = result.Text("Marker");
        }
        while (!string.IsNullOrEmpty(marker));

        return values;
    }
}
