using System.Globalization;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>The form parameters of one RDS Query call, with the protocol's list and tag encodings.</summary>
internal sealed class RdsForm(string action)
{
    public const string ApiVersion = "2014-10-31";

    private readonly List<KeyValuePair<string, string>> fields = [new("Action", action), new("Version", ApiVersion)];

    public string Action { get; } = action;

    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    public RdsForm Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add(new(name, value));
        }

        return this;
    }

    public RdsForm Add(string name, bool value) => Add(name, value ? "true" : "false");

    public RdsForm Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public RdsForm Add(string name, DateTimeOffset value) =>
        Add(name, value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary><c>VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-a</c>, <c>...2=sg-b</c>.</summary>
    public RdsForm AddList(string name, string member, IEnumerable<string> values)
    {
        var index = 1;
        foreach (var value in values)
        {
            fields.Add(new($"{name}.{member}.{index++}", value));
        }

        return this;
    }

    /// <summary>The given settings, each in the call's encoding. Performance Insights' key and retention go only
    /// with Performance Insights on, the monitoring role only with monitoring on: AWS refuses them otherwise.
    /// A default option group is what the restore gets anyway, so it is left to AWS to name.</summary>
    public RdsForm Carry(RdsSettings settings, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (settings[key] is not { } value || IsMoot(settings, key))
            {
                continue;
            }

            _ = key switch
            {
                RdsSettings.SecurityGroups => AddList(key, "VpcSecurityGroupId", value.Split(',')),
                RdsSettings.LogExports => AddList(key, "member", value.Split(',')),
                RdsSettings.ServerlessV2 => AddParts(key, value),
                _ => Add(key, value),
            };
        }

        return this;
    }

    private static bool IsMoot(RdsSettings settings, string key) => key switch
    {
        "PerformanceInsightsKMSKeyId" or "PerformanceInsightsRetentionPeriod" => settings["EnablePerformanceInsights"] != "true",
        "MonitoringRoleArn" => settings["MonitoringInterval"] is null or "0",
        "OptionGroupName" => settings[key]!.StartsWith("default:", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary><c>MinCapacity=0.5,MaxCapacity=4</c> → <c>Name.MinCapacity=0.5</c>, <c>Name.MaxCapacity=4</c>.</summary>
    private RdsForm AddParts(string name, string value)
    {
        foreach (var part in value.Split(','))
        {
            var (field, content) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            fields.Add(new($"{name}.{field}", content));
        }

        return this;
    }

    /// <summary><c>Tags.Tag.1.Key=k</c>, <c>Tags.Tag.1.Value=v</c>, ...</summary>
    public RdsForm AddTags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        var index = 1;
        foreach (var (key, value) in tags)
        {
            fields.Add(new($"Tags.Tag.{index}.Key", key));
            fields.Add(new($"Tags.Tag.{index}.Value", value));
            index++;
        }

        return this;
    }
}
