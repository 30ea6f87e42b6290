using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Local;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Local</c>: a PostgreSQL server of our own, restored from its base backups and WAL archive.</summary>
public sealed class LocalEngineOptions : IValidatableObject
{
    /// <summary>Where pg_ctl lives; found (newest /usr/lib/postgresql/*/bin, then PATH) when unset.</summary>
    public string? BinDir { get; set; }

    /// <summary>A plain-format base backup (<c>pg_basebackup -Fp</c>), or a directory of them.</summary>
    [Required(ErrorMessage = "Local:BaseBackupDir is required: the directory of plain-format base backups (pg_basebackup -Fp -D DIR/<name>).")]
    public string BaseBackupDir { get; set; } = string.Empty;

    /// <summary>Where the source's archive_command copies WAL segments.</summary>
    [Required(ErrorMessage = "Local:WalArchiveDir is required: the directory the source server's archive_command copies WAL into.")]
    public string WalArchiveDir { get; set; } = string.Empty;

    /// <summary>Where restored servers live, one directory per restore.</summary>
    [Required(ErrorMessage = "Local:WorkDir is required: a directory where restored servers are created.")]
    public string WorkDir { get; set; } = string.Empty;

    /// <summary>The operating-system user the servers run as; <c>postgres</c> when the bot runs as root.</summary>
    public string? OsUser { get; set; }

    /// <summary>The database the restored endpoint names (the one the application uses).</summary>
    public string Database { get; set; } = "postgres";

    /// <summary>A role of the source cluster, used over the restored server's private socket to watch its recovery.</summary>
    public string Superuser { get; set; } = "postgres";

    /// <summary>Where restored servers listen, and the host of their endpoint.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The timeline to recover along; the newest base backup's when unset. Never "latest": another restore's history file must not steer ours.</summary>
    [Range(1, int.MaxValue)]
    public int? Timeline { get; set; }

    /// <summary>A read-only connection to the source server, so that suggestions name relations (<c>public.orders</c>) instead of file numbers; optional.</summary>
    public string? SourceConnectionString { get; set; }

    /// <summary>How many rows one transaction must delete before <c>pitr suggest</c> calls it destructive.</summary>
    [Range(1, int.MaxValue)]
    public int SuggestMinDeletedRows { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WorkDir.Length == 0)
        {
            yield break;
        }

        var work = Path.GetFullPath(WorkDir) + Path.DirectorySeparatorChar;
        foreach (var (name, dir) in new[] { ("WalArchiveDir", WalArchiveDir), ("BaseBackupDir", BaseBackupDir) })
        {
            if (dir.Length > 0 && work.StartsWith(Path.GetFullPath(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                yield return new ValidationResult($"Local:WorkDir ({WorkDir}) must not lie inside Local:{name} ({dir}): restored servers would mix with the source's files.", [nameof(WorkDir)]);
            }
        }
    }
}
