using System.Text.Json;
using System.Text.Json.Serialization;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Storage;

/// <summary>How a recovery is written to a store's document column.</summary>
internal static class SnapshotJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        IgnoreReadOnlyProperties = true,
    };

    public static string Serialize(RecoverySnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static RecoverySnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<RecoverySnapshot>(json, Options) ?? throw new InvalidDataException("Empty recovery document.");
}
