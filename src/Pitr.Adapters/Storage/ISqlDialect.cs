using System.Data.Common;

namespace Pitr.Adapters.Storage;

/// <summary>What differs between the SQL databases a <see cref="SqlRecoveryStore"/> can live in.</summary>
internal interface ISqlDialect
{
    /// <summary>Creates the tables, indexes and append-only guards if they do not exist yet; safe to run from several replicas at once.</summary>
    Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Whether the exception is the unique index refusing a second active recovery of a database.</summary>
    bool IsUniqueViolation(DbException exception);
}
