using Pitr.Adapters.Aws;
using Pitr.Adapters.Aws.Rds;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>The rds-cluster engine against moto, through its own signed client and the credential chain.</summary>
[Collection(MotoServerGroup.Name)]
public sealed class RdsClusterRestorerMotoTests(MotoServer moto)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Source_is_described_with_window_retention_and_protection_when_asked()
    {
        var source = await SourceAsync();
        await using var adapters = Adapters(source);

        var window = await adapters.Restorer.GetRestorableWindowAsync(Cancel);
        var description = await adapters.Restorer.DescribeSourceAsync(Cancel);

        Assert.True(window.Earliest <= window.Latest);
        Assert.Equal(source, description.Identifier);
        Assert.Equal(35, description.BackupRetentionDays);
        Assert.True(description.DeletionProtection);
        Assert.Equal("aurora-postgresql", description.Settings["engine"]);
        Assert.Equal(5433, description.Endpoint?.Port);
    }

    [Fact]
    public async Task Restore_becomes_available_with_its_writer_when_polled()
    {
        var source = await SourceAsync();
        await using var adapters = Adapters(source);
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        var window = await adapters.Restorer.GetRestorableWindowAsync(Cancel);

        await adapters.Restorer.StartRestoreAsync(Request(id, window.Latest), Cancel);
        var status = await PollUntilSettledAsync(adapters.Restorer, id);

        Assert.Equal(RestorePhase.Available, status.Phase);
        Assert.Equal((id, 5433, "orders"), (status.Endpoint?.Identifier, status.Endpoint?.Port, status.Endpoint?.Database));
        Assert.StartsWith($"{id}.cluster-", status.Endpoint?.Host);
        var writer = await new MotoSeed(moto.Url).Rds.FindInstanceAsync(RdsClusterRestorer.WriterIdentifier(id), Cancel);
        Assert.NotNull(writer);
        Assert.Equal("db.r6g.large", writer.InstanceClass);
        Assert.Equal(id, writer.ClusterIdentifier);
    }

    [Fact]
    public async Task Existing_restore_is_resumed_when_started_again()
    {
        var source = await SourceAsync();
        await using var adapters = Adapters(source);
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        var window = await adapters.Restorer.GetRestorableWindowAsync(Cancel);

        await adapters.Restorer.StartRestoreAsync(Request(id, window.Latest), Cancel);
        await adapters.Restorer.StartRestoreAsync(Request(id, window.Latest), Cancel);

        var cluster = await new MotoSeed(moto.Url).Rds.FindClusterAsync(id, Cancel);
        Assert.NotNull(cluster);
        Assert.Equal("r-moto", cluster.Tags["pitr:recovery"]);
        Assert.Equal("payments", cluster.Tags["team"]);
    }

    [Fact]
    public async Task Restore_and_its_writer_are_gone_when_deleted()
    {
        var source = await SourceAsync();
        await using var adapters = Adapters(source);
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        var window = await adapters.Restorer.GetRestorableWindowAsync(Cancel);
        await adapters.Restorer.StartRestoreAsync(Request(id, window.Latest), Cancel);
        await PollUntilSettledAsync(adapters.Restorer, id);

        await adapters.Restorer.DeleteAsync(id, Cancel);
        await adapters.Restorer.DeleteAsync(id, Cancel);

        Assert.Equal(RestorePhase.NotFound, (await adapters.Restorer.GetRestoreStatusAsync(id, Cancel)).Phase);
        Assert.Null(await new MotoSeed(moto.Url).Rds.FindInstanceAsync(RdsClusterRestorer.WriterIdentifier(id), Cancel));
    }

    [Fact]
    public async Task Source_is_not_deleted_when_it_is_protected_and_not_ours()
    {
        var source = await SourceAsync();
        await using var adapters = Adapters(source);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => adapters.Restorer.DeleteAsync(source, Cancel).AsTask());

        Assert.Contains("deletion protection", error.Message);
        Assert.NotNull(await new MotoSeed(moto.Url).Rds.FindClusterAsync(source, Cancel));
    }

    internal static async Task<RestoreStatus> PollUntilSettledAsync(IDatabaseRestorer restorer, string id)
    {
        for (var poll = 0; poll < 20; poll++)
        {
            var status = await restorer.GetRestoreStatusAsync(id, Cancel);
            if (status.Phase is not RestorePhase.Creating)
            {
                return status;
            }
        }

        throw new InvalidOperationException($"{id} was still creating after 20 polls.");
    }

    private static RestoreRequest Request(string id, DateTimeOffset target) =>
        new(id, target, new Dictionary<string, string> { ["pitr:recovery"] = "r-moto", ["pitr:initiator"] = "U1" });

    private async Task<string> SourceAsync()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        await new MotoSeed(moto.Url).CreateAuroraClusterAsync(source, Cancel);
        return source;
    }

    private AwsAdapters Adapters(string source, params (string, string?)[] extra) =>
        new(AwsAdapters.Rds("rds-cluster", moto.Url, source, extra));
}
