using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Storage.Postgres;

public sealed class PostgresStoreOptions
{
    public const string Section = "Pitr:Store:Postgres";

    /// <summary>Npgsql connection string of the database holding the bot's own tables (not the database being recovered).</summary>
    [Required(ErrorMessage = "Pitr:Store:Postgres:ConnectionString is required when Pitr:Store:Kind is postgres.")]
    public string ConnectionString { get; set; } = "";
}
