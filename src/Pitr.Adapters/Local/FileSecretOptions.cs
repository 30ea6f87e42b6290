using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Local;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Secret:File</c>: a JSON connection document on disk that the application reads.</summary>
public sealed class FileSecretOptions
{
    [Required(ErrorMessage = "Secret:File:Path is required: the JSON document the application reads its connection from.")]
    public string Path { get; set; } = string.Empty;

    public string HostKey { get; set; } = "host";

    public string PortKey { get; set; } = "port";

    /// <summary>Also rewrite the database name under this key when set; otherwise the name is kept.</summary>
    public string? DatabaseKey { get; set; }
}
