using Pitr.Adapters.Aws.Rds;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>
/// Restores driven against moto through the project's signed clients, every request recorded on its way:
/// a setting counts as carried only when the project's own request carried it.
/// </summary>
[Collection(MotoServerGroup.Name)]
public sealed class RdsCarriedSettingsMotoTests(MotoServer moto)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Instance_restore_request_carries_iam_auth_ca_public_access_upgrades_log_exports_and_copy_tags()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        await new MotoSeed(moto.Url).CreateInstanceAsync(source, Cancel);
        await using var recorder = await MotoRecorder.StartAsync(moto.Url);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", recorder.Url, source));
        var id = await RestoreAsync(adapters);

        var restore = Assert.Single(recorder.Requests, r => r.Action == "RestoreDBInstanceToPointInTime");
        Assert.Equal(
            ["true", "rds-ca-ecc384-g1", "false", "false", "true", "postgresql", "true", "db.m6g.large"],
            new[] { "EnableIAMDatabaseAuthentication", "CACertificateIdentifier", "PubliclyAccessible", "AutoMinorVersionUpgrade", "CopyTagsToSnapshot", "EnableCloudwatchLogsExports.member.1", "MultiAZ", "DBInstanceClass" }
                .Select(restore.Field));
        Assert.Contains(recorder.Requests, r => r.Action == "AddTagsToResource" && r.Field("Tags.Tag.1.Key") == RdsTags.SettingsApplied);
        Assert.Empty((await adapters.Restorer.CompareWithSourceAsync(id, Cancel))!);
    }

    [Fact]
    public async Task Aurora_restore_and_writer_requests_carry_the_clusters_and_the_writers_settings()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        await new MotoSeed(moto.Url).CreateAuroraClusterAsync(source, Cancel);
        await using var recorder = await MotoRecorder.StartAsync(moto.Url);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", recorder.Url, source));
        var id = await RestoreAsync(adapters);

        var restore = Assert.Single(recorder.Requests, r => r.Action == "RestoreDBClusterToPointInTime");
        Assert.Equal(["true", "postgresql", "5433", "sg-0aaa"],
            new[] { "EnableIAMDatabaseAuthentication", "EnableCloudwatchLogsExports.member.1", "Port", "VpcSecurityGroupIds.VpcSecurityGroupId.1" }.Select(restore.Field));
        var writer = Assert.Single(recorder.Requests, r => r.Action == "CreateDBInstance");
        Assert.Equal([RdsClusterRestorer.WriterIdentifier(id), "db.r6g.large", "rds-ca-ecc384-g1", "3", "false"],
            new[] { "DBInstanceIdentifier", "DBInstanceClass", "CACertificateIdentifier", "PromotionTier", "AutoMinorVersionUpgrade" }.Select(writer.Field));
        Assert.Empty((await adapters.Restorer.CompareWithSourceAsync(id, Cancel))!);
    }

    private static async Task<string> RestoreAsync(AwsAdapters adapters)
    {
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        var window = await adapters.Restorer.GetRestorableWindowAsync(Cancel);
        await adapters.Restorer.StartRestoreAsync(new RestoreRequest(id, window.Latest, new Dictionary<string, string>()), Cancel);
        Assert.Equal(RestorePhase.Available, (await RdsClusterRestorerMotoTests.PollUntilSettledAsync(adapters.Restorer, id)).Phase);
        return id;
    }
}
