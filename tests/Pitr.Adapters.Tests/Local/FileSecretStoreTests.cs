using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Pitr.Adapters.Local;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Local;

public sealed class FileSecretStoreTests : IDisposable
{
    private const string Original = """{"host":"db.internal","port":5432,"username":"app","password":"s3cret","dbname":"shop"}""";
    private readonly string directory = Directory.CreateTempSubdirectory("pitr-secret-").FullName;
    private readonly FileSecretStore store;

    public FileSecretStoreTests()
    {
        File.WriteAllText(SecretPath, Original);
        store = new FileSecretStore(new FileSecretOptions { Path = SecretPath }, NullLogger<FileSecretStore>.Instance);
    }

    private string SecretPath => Path.Combine(directory, "db.json");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static DatabaseEndpoint Restored => new("pitr-r1-a1", "127.0.0.1", 61234, "shop");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Pointing_rewrites_host_and_port_and_keeps_everything_else()
    {
        var change = await store.PointAtAsync(Restored, Token);

        var document = JsonNode.Parse(await File.ReadAllTextAsync(SecretPath, Token))!;
        Assert.Equal("127.0.0.1", (string?)document["host"]);
        Assert.Equal(61234, (int?)document["port"]);
        Assert.Equal("s3cret", (string?)document["password"]);
        Assert.Equal("shop", (string?)document["dbname"]);
        Assert.Equal("db.internal:5432", change.PreviousEndpoint);
        Assert.NotEqual(change.PreviousVersion, change.NewVersion);
    }

    [Fact]
    public async Task Revert_restores_the_previous_document_exactly()
    {
        var change = await store.PointAtAsync(Restored, Token);

        await store.RevertAsync(change, Token);
        await store.RevertAsync(change, Token);

        Assert.Equal(Original, await File.ReadAllTextAsync(SecretPath, Token));
    }

    [Fact]
    public async Task Pointing_again_at_the_same_endpoint_returns_the_first_change()
    {
        var first = await store.PointAtAsync(Restored, Token);

        var again = await store.PointAtAsync(Restored, Token);

        Assert.Equal(first, again);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Replacement_keeps_the_file_permissions_and_leaves_no_temporary_files()
    {
        File.SetUnixFileMode(SecretPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await store.PointAtAsync(Restored, Token);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SecretPath));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp", SearchOption.AllDirectories));
    }
}
