using System.Text.Json;

namespace Pitr.Adapters.Local;

/// <summary>
/// What a restore directory holds (<c>restore.json</c>): written before the copy starts and again once
/// the copy is configured, so that a restarted bot resumes instead of starting over or twice.
/// </summary>
internal sealed record RestoreManifest(string Identifier, DateTimeOffset Target, string BaseBackup, int Timeline, bool Configured)
{
    private const string FileName = "restore.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<RestoreManifest?> ReadAsync(string restoreDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(restoreDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RestoreManifest>(stream, Json, cancellationToken);
    }

    public async Task WriteAsync(string restoreDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(restoreDirectory, FileName);
        await File.WriteAllTextAsync(path + ".tmp", JsonSerializer.Serialize(this, Json), cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
