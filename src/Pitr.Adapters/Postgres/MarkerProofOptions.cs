using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Pitr.Adapters.Postgres;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Drills</c>: the writer connection that lets drills prove their target with marker rows.</summary>
public sealed class MarkerProofOptions : IValidatableObject
{
    /// <summary>
    /// An Npgsql connection string to the source, as a user that may create and write <see cref="MarkerTable"/>. Never logged nor
    /// shown; supply it through <c>Pitr__Databases__NAME__Drills__MarkerConnection</c> or a secret-backed configuration source.
    /// The restored database is checked with the same user, database and SSL mode, at the restore's host and port (or
    /// <c>Validation:Endpoint</c>'s, where it overrides them).
    /// </summary>
    public string? MarkerConnection { get; set; }

    /// <summary>The small table the markers go in, created when absent.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?$", ErrorMessage = "must be a plain lower-case table name, optionally schema-qualified")]
    public string MarkerTable { get; set; } = "pitr_drill_marker";

    [Range(1, 3600)]
    public int StatementTimeoutSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MarkerConnection is null)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(MarkerConnection);
        }
        catch (ArgumentException)
        {
            // The message could quote the connection string, password included: say only where.
            problem = "is not a valid connection string (e.g. Host=db;Database=app;Username=pitr_marker;Password=...)";
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(MarkerConnection)]);
        }
    }
}
