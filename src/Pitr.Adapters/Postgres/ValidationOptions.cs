using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Postgres;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Validation</c>: how to reach a restored database and what must be true of it.</summary>
public sealed class ValidationOptions : IValidatableObject
{
    public string Username { get; set; } = "postgres";

    /// <summary>Never logged nor shown; supply it through <c>Pitr__Databases__NAME__Validation__Password</c> or a secret-backed configuration source.</summary>
    public string? Password { get; set; }

    /// <summary>The database to check; the restored endpoint's when unset.</summary>
    public string? Database { get; set; }

    /// <summary>Npgsql's SSL mode (Disable, Prefer, Require, VerifyFull).</summary>
    public string SslMode { get; set; } = "Prefer";

    [Range(1, 3600)]
    public int StatementTimeoutSeconds { get; set; } = 30;

    public IList<ValidationCheck> Checks { get; init; } = [];

    /// <summary>Proof that the restore landed at the target rather than at "latest" or at the backup's end.</summary>
    public LandedAtCheck? LandedAt { get; set; }

    /// <summary>Where to connect instead of the engine's endpoint, for engines whose endpoints do not resolve from here.</summary>
    public EndpointOverride? Endpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (check, index) in Checks.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(check.Name) || string.IsNullOrWhiteSpace(check.Sql))
            {
                yield return new ValidationResult($"Validation:Checks:{index} needs a Name and an Sql.");
            }

            if (!Expectation.TryParse(check.Expect, out _))
            {
                yield return new ValidationResult(
                    $"Validation:Checks:{index} ({check.Name}) has Expect '{check.Expect}'; use e.g. '>= 1', '= 0', '< 10', '!= 0', 'not null', 'null', 'true'.");
            }
        }

        if (LandedAt is { } landed && (string.IsNullOrWhiteSpace(landed.Table) || string.IsNullOrWhiteSpace(landed.Column) || landed.Tolerance <= TimeSpan.Zero))
        {
            yield return new ValidationResult("Validation:LandedAt needs a Table, a Column (a timestamp written with each row) and a positive Tolerance (e.g. 00:05:00).");
        }

        if (Endpoint is { } endpoint && (string.IsNullOrWhiteSpace(endpoint.Host) && endpoint.Port is null))
        {
            yield return new ValidationResult("Validation:Endpoint overrides nothing: give a Host, a Port or both.");
        }
    }
}

/// <param name="Expect">What the first column of the first row must be, e.g. "&gt;= 1".</param>
public sealed class ValidationCheck
{
    public string Name { get; set; } = string.Empty;

    public string Sql { get; set; } = string.Empty;

    public string Expect { get; set; } = "not null";
}

public sealed class LandedAtCheck
{
    /// <summary>A table that receives rows all the time, e.g. "public.orders".</summary>
    public string Table { get; set; } = string.Empty;

    /// <summary>A timestamp column set when each row is written, e.g. "created_at".</summary>
    public string Column { get; set; } = string.Empty;

    /// <summary>How long before the target the newest row may be (quiet periods write nothing).</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class EndpointOverride
{
    public string? Host { get; set; }

    public int? Port { get; set; }
}
