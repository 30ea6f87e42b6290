using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Storage;

public sealed class StorageOptions
{
    public const string Section = "Pitr:Store";

    /// <summary><c>sqlite</c> (embedded, one replica) or <c>postgres</c> (several replicas).</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Pitr:Store:Kind must be sqlite or postgres.")]
    public string Kind { get; set; } = "sqlite";
}
