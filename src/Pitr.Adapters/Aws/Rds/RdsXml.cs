using System.Globalization;
using System.Xml.Linq;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>Reads RDS XML by local name, so the namespace of the API version does not matter.</summary>
internal static class RdsXml
{
    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> Children(this XElement element, string name) =>
        element.Elements().Where(e => e.Name.LocalName == name);

    public static string? Text(this XElement element, string name) => element.Child(name)?.Value;

    public static string Required(this XElement element, string name) =>
        element.Text(name) ?? throw new FormatException($"RDS answer lacks <{name}> in <{element.Name.LocalName}>.");

    public static bool Flag(this XElement element, string name) =>
        string.Equals(element.Text(name), "true", StringComparison.OrdinalIgnoreCase);

    public static int? Number(this XElement element, string name) =>
        int.TryParse(element.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static DateTimeOffset? Time(this XElement element, string name) =>
        DateTimeOffset.TryParse(element.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    public static IReadOnlyDictionary<string, string> Tags(this XElement element) =>
        element.Child("TagList")?.Children("Tag")
            .Where(t => t.Text("Key") is not null)
            .ToDictionary(t => t.Required("Key"), t => t.Text("Value") ?? "", StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyList<string> SecurityGroupIds(this XElement element) =>
        element.Child("VpcSecurityGroups")?.Children("VpcSecurityGroupMembership")
            .Select(m => m.Text("VpcSecurityGroupId")).OfType<string>().ToList() ?? [];
}
