using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>The rds-instance engine against moto.</summary>
[Collection(MotoServerGroup.Name)]
public sealed class RdsInstanceRestorerMotoTests(MotoServer moto)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Window_reaches_back_to_the_instances_creation_when_it_is_younger_than_its_retention()
    {
        var source = await SourceAsync();
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", moto.Url, source));

        var window = await adapters.Restorer.GetRestorableWindowAsync(Cancel);
        var description = await adapters.Restorer.DescribeSourceAsync(Cancel);

        Assert.True(window.Latest - window.Earliest < TimeSpan.FromDays(1));
        Assert.Equal(30, description.BackupRetentionDays);
        Assert.Equal("true", description.Settings["multiAz"]);
    }

    [Fact]
    public async Task Restore_is_available_resumed_and_deleted_when_driven_through_its_life()
    {
        var source = await SourceAsync();
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", moto.Url, source));
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        var window = await adapters.Restorer.GetRestorableWindowAsync(Cancel);
        var request = new RestoreRequest(id, window.Latest, new Dictionary<string, string> { ["pitr:recovery"] = "r-moto" });

        await adapters.Restorer.StartRestoreAsync(request, Cancel);
        await adapters.Restorer.StartRestoreAsync(request, Cancel);
        var status = await RdsClusterRestorerMotoTests.PollUntilSettledAsync(adapters.Restorer, id);
        var restored = await new MotoSeed(moto.Url).Rds.FindInstanceAsync(id, Cancel);
        await adapters.Restorer.DeleteAsync(id, Cancel);

        Assert.Equal(RestorePhase.Available, status.Phase);
        Assert.Equal((id, 5432, "orders"), (status.Endpoint?.Identifier, status.Endpoint?.Port, status.Endpoint?.Database));
        Assert.StartsWith($"{id}.", status.Endpoint?.Host);
        Assert.NotNull(restored);
        Assert.Equal("db.m6g.large", restored.InstanceClass);
        Assert.True(restored.MultiAz);
        Assert.Equal("r-moto", restored.Tags["pitr:recovery"]);
        Assert.Equal(RestorePhase.NotFound, (await adapters.Restorer.GetRestoreStatusAsync(id, Cancel)).Phase);
    }

    private async Task<string> SourceAsync()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        await new MotoSeed(moto.Url).CreateInstanceAsync(source, Cancel);
        return source;
    }
}
