using System.Text.Json.Nodes;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>The aws-secretsmanager store against moto: endpoint rewritten, everything else kept, revert restores the old version.</summary>
[Collection(MotoServerGroup.Name)]
public sealed class SecretsManagerSecretStoreMotoTests(MotoServer moto)
{
    private static readonly DatabaseEndpoint Restored = new("pitr-r1-a1", "pitr-r1-a1.cluster-x.rds.amazonaws.com", 5433, "orders");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_endpoint_fields_change_when_pointed_at_the_restore()
    {
        var secret = await SecretAsync();
        await using var adapters = new AwsAdapters(AwsAdapters.SecretsManager(moto.Url, secret));

        var change = await adapters.Secrets.PointAtAsync(Restored, Cancel);

        var current = await CurrentAsync(secret);
        Assert.Equal(change.NewVersion, current.VersionId);
        Assert.Equal("prod.cluster-x.rds.amazonaws.com:5432", change.PreviousEndpoint);
        Assert.Equal(
            """{"host":"pitr-r1-a1.cluster-x.rds.amazonaws.com","port":5433,"username":"app","password":"s3cr3t","dbClusterIdentifier":"pitr-r1-a1","engine":"postgres","options":{"sslmode":"require"}}""",
            current.Value);
    }

    [Fact]
    public async Task Same_change_is_returned_when_pointed_at_the_same_restore_twice()
    {
        var secret = await SecretAsync();
        await using var adapters = new AwsAdapters(AwsAdapters.SecretsManager(moto.Url, secret));

        var first = await adapters.Secrets.PointAtAsync(Restored, Cancel);
        var second = await adapters.Secrets.PointAtAsync(Restored, Cancel);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Previous_version_is_current_again_when_reverted()
    {
        var secret = await SecretAsync();
        await using var adapters = new AwsAdapters(AwsAdapters.SecretsManager(moto.Url, secret));
        var original = await CurrentAsync(secret);
        var change = await adapters.Secrets.PointAtAsync(Restored, Cancel);

        await adapters.Secrets.RevertAsync(change, Cancel);
        await adapters.Secrets.RevertAsync(change, Cancel);

        var current = await CurrentAsync(secret);
        Assert.Equal(original, current);
        Assert.Equal(change.PreviousVersion, current.VersionId);
        var previous = await new MotoSeed(moto.Url).Secrets.FindVersionAsync(secret, "AWSPREVIOUS", Cancel);
        Assert.Equal(change.NewVersion, previous?.VersionId);
    }

    private async Task<Pitr.Adapters.Aws.SecretsManager.SecretVersion> CurrentAsync(string secret) =>
        await new MotoSeed(moto.Url).Secrets.FindVersionAsync(secret, "AWSCURRENT", Cancel) ?? throw new InvalidOperationException("no current version");

    private async Task<string> SecretAsync()
    {
        var name = $"app/db-{Guid.NewGuid():N}";
        await new MotoSeed(moto.Url).CreateSecretAsync(name, new JsonObject
        {
            ["host"] = "prod.cluster-x.rds.amazonaws.com",
            ["port"] = 5432,
            ["username"] = "app",
            ["password"] = "s3cr3t",
            ["dbClusterIdentifier"] = "prod",
            ["engine"] = "postgres",
            ["options"] = new JsonObject { ["sslmode"] = "require" },
        }, Cancel);
        return name;
    }
}
