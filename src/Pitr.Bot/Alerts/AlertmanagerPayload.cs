using System.Globalization;
using System.Text.Json;
using Pitr.Domain.Alerts;

namespace Pitr.Bot.Alerts;

/// <summary>
/// Reads Alertmanager's webhook notification (version 4). Every field Alertmanager always sends is
/// required with its type; fields added by later versions are tolerated.
/// </summary>
internal static class AlertmanagerPayload
{
    /// <exception cref="FormatException">the notification is not a version 4 Alertmanager webhook; the message says what is wrong.</exception>
    public static AlertGroup Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the body must be a JSON object");
        }

        var version = String(root, "version");
        if (version != "4")
        {
            throw new FormatException($"version '{version}' is not supported (expected \"4\")");
        }

        var groupKey = String(root, "groupKey");
        if (groupKey.Length == 0)
        {
            throw new FormatException("groupKey is empty");
        }

        var status = Status(root, "notification");
        _ = String(root, "receiver");
        _ = String(root, "externalURL");
        _ = Labels(root, "groupLabels");
        _ = Labels(root, "commonAnnotations");
        var commonLabels = Labels(root, "commonLabels");

        var alerts = Property(root, "alerts", JsonValueKind.Array);
        if (alerts.GetArrayLength() == 0)
        {
            throw new FormatException("alerts is empty");
        }

        return new AlertGroup(groupKey, status, commonLabels, [.. alerts.EnumerateArray().Select((a, i) => Alert(a, i))]);
    }

    private static ReceivedAlert Alert(JsonElement alert, int index)
    {
        if (alert.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"alerts[{index}] must be an object");
        }

        try
        {
            _ = String(alert, "generatorURL");
            _ = String(alert, "fingerprint");
            var endsAt = Time(alert, "endsAt");
            return new ReceivedAlert(
                Status(alert, "alert"),
                Labels(alert, "labels"),
                Labels(alert, "annotations"),
                Time(alert, "startsAt"),
                endsAt.Year <= 1 ? null : endsAt);
        }
        catch (FormatException e)
        {
            throw new FormatException($"alerts[{index}]: {e.Message}", e);
        }
    }

    private static AlertStatus Status(JsonElement element, string what) => String(element, "status") switch
    {
        "firing" => AlertStatus.Firing,
        "resolved" => AlertStatus.Resolved,
        var other => throw new FormatException($"{what} status '{other}' is neither \"firing\" nor \"resolved\""),
    };

    private static Dictionary<string, string> Labels(JsonElement element, string name)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in Property(element, name, JsonValueKind.Object).EnumerateObject())
        {
            labels[label.Name] = label.Value.ValueKind == JsonValueKind.String
                ? label.Value.GetString()!
                : throw new FormatException($"{name}.{label.Name} must be a string");
        }

        return labels;
    }

    /// <summary>RFC 3339 with an offset; Go writes nanoseconds, more digits than .NET keeps, so the fraction is cut to 7.</summary>
    private static DateTimeOffset Time(JsonElement element, string name)
    {
        var text = String(element, name);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            text = text[..Math.Min(end, dot + 8)] + text[end..];
        }

        return text.Length > 19 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new FormatException($"{name} '{String(element, name)}' is not an RFC 3339 time with an offset");
    }

    private static string String(JsonElement element, string name) => Property(element, name, JsonValueKind.String).GetString()!;

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind) =>
        !element.TryGetProperty(name, out var value) ? throw new FormatException($"{name} is missing")
        : value.ValueKind != kind ? throw new FormatException($"{name} must be {(kind == JsonValueKind.Array ? "an array" : $"a {kind.ToString().ToLowerInvariant()}")}")
        : value;
}
