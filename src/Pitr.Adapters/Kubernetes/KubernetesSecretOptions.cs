using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Kubernetes;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Secret:Kubernetes</c>: the Secret the applications read their database endpoint from.</summary>
public sealed class KubernetesSecretOptions : KubernetesClusterOptions
{
    public const string Section = "Secret:Kubernetes";

    [Required(ErrorMessage = "Secret:Kubernetes:Namespace is required (the namespace of the applications' database Secret).")]
    public string Namespace { get; set; } = "";

    [Required(ErrorMessage = "Secret:Kubernetes:Name is required (the name of the applications' database Secret).")]
    public string Name { get; set; } = "";

    /// <summary>The data key holding the host name.</summary>
    [Required]
    public string HostKey { get; set; } = "host";

    /// <summary>The data key holding the port.</summary>
    [Required]
    public string PortKey { get; set; } = "port";

    /// <summary>The data key holding the database name; empty when the Secret has none.</summary>
    public string? DatabaseKey { get; set; } = "dbname";
}
