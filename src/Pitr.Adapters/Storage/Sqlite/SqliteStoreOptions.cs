using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Storage.Sqlite;

public sealed class SqliteStoreOptions
{
    public const string Section = "Pitr:Store:Sqlite";

    /// <summary>The database file; created with its schema on first use.</summary>
    [Required]
    public string Path { get; set; } = "pitr.db";
}
