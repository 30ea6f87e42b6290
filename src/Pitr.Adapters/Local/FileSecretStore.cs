using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Local;

/// <summary>
/// A JSON connection document on disk. Pointing it elsewhere rewrites only host and port (and the
/// database name when configured), keeps every version under <c>&lt;file&gt;.versions/</c> named by its
/// content hash, and replaces the file atomically (rename), so a reader never sees half a document.
/// </summary>
internal sealed partial class FileSecretStore(FileSecretOptions options, ILogger<FileSecretStore> logger) : ISecretStore
{
    private const string LastChangeFile = "last-change.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private string SecretPath => Path.GetFullPath(options.Path);

    private string VersionsDirectory => SecretPath + ".versions";

    public async ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        var current = await File.ReadAllTextAsync(SecretPath, cancellationToken);
        var document = JsonNode.Parse(current)?.AsObject()
            ?? throw new InvalidOperationException($"{SecretPath} does not hold a JSON object.");
        var currentVersion = VersionOf(current);
        if (PointsAt(document, endpoint))
        {
            var last = await ReadLastChangeAsync(cancellationToken);
            return last is not null && last.NewVersion == currentVersion
                ? last
                : new SecretChange(currentVersion, currentVersion, EndpointOf(document));
        }

        var previousEndpoint = EndpointOf(document);
        document[options.HostKey] = endpoint.Host;
        document[options.PortKey] = document[options.PortKey] is JsonValue port && port.GetValueKind() == JsonValueKind.String
            ? JsonValue.Create(endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : JsonValue.Create(endpoint.Port);
        if (options.DatabaseKey is { Length: > 0 } databaseKey)
        {
            document[databaseKey] = endpoint.Database;
        }

        var updated = document.ToJsonString(Indented);
        var change = new SecretChange(currentVersion, VersionOf(updated), previousEndpoint);
        await KeepVersionAsync(current, cancellationToken);
        await KeepVersionAsync(updated, cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(VersionsDirectory, LastChangeFile), JsonSerializer.Serialize(change, Indented), cancellationToken);
        await WriteAtomicallyAsync(SecretPath, updated, cancellationToken);
        LogPointed(SecretPath, previousEndpoint, $"{endpoint.Host}:{endpoint.Port}", change.PreviousVersion, change.NewVersion);
        return change;
    }

    public async ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken)
    {
        var current = await File.ReadAllTextAsync(SecretPath, cancellationToken);
        if (VersionOf(current) == change.PreviousVersion)
        {
            return;
        }

        var previous = Path.Combine(VersionsDirectory, change.PreviousVersion + ".json");
        if (!File.Exists(previous))
        {
            throw new InvalidOperationException($"Version {change.PreviousVersion} of {SecretPath} is not kept in {VersionsDirectory}; it cannot be restored.");
        }

        await WriteAtomicallyAsync(SecretPath, await File.ReadAllTextAsync(previous, cancellationToken), cancellationToken);
        LogReverted(SecretPath, change.PreviousVersion);
    }

    private bool PointsAt(JsonObject document, DatabaseEndpoint endpoint) =>
        document[options.HostKey]?.ToString() == endpoint.Host
        && document[options.PortKey]?.ToString() == endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
        && (options.DatabaseKey is not { Length: > 0 } key || document[key]?.ToString() == endpoint.Database);

    private string EndpointOf(JsonObject document) => $"{document[options.HostKey]}:{document[options.PortKey]}";

    private static string VersionOf(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];

    private async Task KeepVersionAsync(string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(VersionsDirectory);
        var path = Path.Combine(VersionsDirectory, VersionOf(content) + ".json");
        if (!File.Exists(path))
        {
            await WriteAtomicallyAsync(path, content, cancellationToken);
        }
    }

    /// <summary>Writes beside the target with the target's permissions, then renames over it.</summary>
    private async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, File.Exists(SecretPath) ? File.GetUnixFileMode(SecretPath) : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private async Task<SecretChange?> ReadLastChangeAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(VersionsDirectory, LastChangeFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<SecretChange>(await File.ReadAllTextAsync(path, cancellationToken)) : null;
    }

    [LoggerMessage(LogLevel.Information, "Secret file {Path} now points at {Endpoint} instead of {Previous} (version {PreviousVersion} kept, now {NewVersion})")]
    private partial void LogPointed(string path, string previous, string endpoint, string previousVersion, string newVersion);

    [LoggerMessage(LogLevel.Information, "Secret file {Path} reverted to version {Version}")]
    private partial void LogReverted(string path, string version);
}
