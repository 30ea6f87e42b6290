using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Aws.SecretsManager;

/// <summary>Settings of the <c>aws-secretsmanager</c> secret store (<c>Pitr:Databases:&lt;name&gt;:Secret:SecretsManager</c>).</summary>
public sealed class SecretsManagerOptions : AwsClientOptions
{
    public const string Section = "Secret:SecretsManager";

    /// <summary>Name or ARN of the application's connection secret (a JSON object).</summary>
    [Required(ErrorMessage = "required: the name or ARN of the application's connection secret.")]
    public string SecretId { get; set; } = "";

    [Required]
    public string HostField { get; set; } = "host";

    [Required]
    public string PortField { get; set; } = "port";

    /// <summary>Rewritten to the restored database's identifier when the secret has it. Unset: the field RDS-managed
    /// secrets use for the database's engine, <c>dbInstanceIdentifier</c> for rds-instance, else <c>dbClusterIdentifier</c>.</summary>
    public string IdentifierField { get; set; } = "";

    /// <summary>The identifier field RDS-managed secrets carry for a database of <paramref name="engine"/>.</summary>
    public static string IdentifierFieldFor(string? engine) =>
        string.Equals(engine, AwsServiceExtensions.InstanceEngine, StringComparison.OrdinalIgnoreCase) ? "dbInstanceIdentifier" : "dbClusterIdentifier";
}
