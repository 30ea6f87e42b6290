using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Storage;

/// <summary>
/// How recoveries, audit events and threads are written to a store's text columns. Events and refusals
/// carry their type name as the discriminator, so every kind the domain defines round-trips.
/// </summary>
internal static class StoreJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        IgnoreReadOnlyProperties = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { Polymorphic<RecoveryEvent>, Polymorphic<Refusal> } },
    };

    public static string Serialize(RecoverySnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static RecoverySnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<RecoverySnapshot>(json, Options) ?? throw new InvalidDataException("Empty recovery document.");

    public static string Serialize(RecoveryEvent happened) => JsonSerializer.Serialize(happened, Options);

    public static RecoveryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize<RecoveryEvent>(json, Options) ?? throw new InvalidDataException("Empty audit event.");

    public static string Serialize(RecoveryThread thread) => JsonSerializer.Serialize(thread, Options);

    public static RecoveryThread DeserializeThread(string json) =>
        JsonSerializer.Deserialize<RecoveryThread>(json, Options) ?? throw new InvalidDataException("Empty thread document.");

    /// <summary>The name an event kind is stored under.</summary>
    public static string KindOf(RecoveryEvent happened) => happened.GetType().Name;

    private static void Polymorphic<TBase>(JsonTypeInfo info)
    {
        if (info.Type != typeof(TBase))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$kind" };
        foreach (var kind in typeof(TBase).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(TBase)) && !t.IsAbstract))
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(kind, kind.Name));
        }
    }
}
