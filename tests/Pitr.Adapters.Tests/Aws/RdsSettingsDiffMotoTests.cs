using Pitr.Adapters.Aws.Rds;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>
/// The settings diff against moto standing in for AWS: a restore driven to "available" by the engines is
/// compared with its source as both are described afterwards, so what AWS changed on its own shows.
/// </summary>
[Collection(MotoServerGroup.Name)]
public sealed class RdsSettingsDiffMotoTests(MotoServer moto)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Instance_restore_is_identical_to_its_source_when_aws_applied_everything_carried()
    {
        var (adapters, id) = await RestoredInstanceAsync();
        await using var _ = adapters;

        var differences = await adapters.Restorer.CompareWithSourceAsync(id, Cancel);

        Assert.NotNull(differences);
        Assert.Empty(differences);
    }

    [Fact]
    public async Task Diff_reports_the_ca_certificate_aws_did_not_keep_when_it_changed_after_the_restore()
    {
        var (adapters, id) = await RestoredInstanceAsync();
        await using var _ = adapters;
        await new MotoSeed(moto.Url).Rds.CallAsync(new RdsForm("ModifyDBInstance").Add("DBInstanceIdentifier", id)
            .Add("CACertificateIdentifier", "rds-ca-rsa2048-g1").Add("ApplyImmediately", true), Cancel);

        var differences = await adapters.Restorer.CompareWithSourceAsync(id, Cancel);

        Assert.Equal([new SettingDifference("CACertificateIdentifier", "rds-ca-ecc384-g1", "rds-ca-rsa2048-g1")], differences);
    }

    [Fact]
    public async Task Aurora_diff_names_the_configured_class_with_its_reason_and_the_writers_settings_when_compared()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        await new MotoSeed(moto.Url).CreateAuroraClusterAsync(source, Cancel);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", moto.Url, source, ("InstanceClass", "db.r6g.xlarge")));
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        await adapters.Restorer.StartRestoreAsync(new RestoreRequest(id, (await adapters.Restorer.GetRestorableWindowAsync(Cancel)).Latest, new Dictionary<string, string>()), Cancel);
        Assert.Equal(RestorePhase.Available, (await RdsClusterRestorerMotoTests.PollUntilSettledAsync(adapters.Restorer, id)).Phase);

        var differences = await adapters.Restorer.CompareWithSourceAsync(id, Cancel);

        Assert.Equal([new SettingDifference("writer DBInstanceClass", "db.r6g.large", "db.r6g.xlarge", "set by Rds:InstanceClass")], differences);
    }

    [Fact]
    public async Task Diff_reports_the_writers_ca_certificate_when_aws_did_not_apply_what_was_sent()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        await new MotoSeed(moto.Url).CreateAuroraClusterAsync(source, Cancel);
        await using var lossy = await MotoRecorder.StartAsync(moto.Url, body => body.Contains("Action=CreateDBInstance", StringComparison.Ordinal)
            ? body.Replace("&CACertificateIdentifier=rds-ca-ecc384-g1", "", StringComparison.Ordinal)
            : body);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", lossy.Url, source));
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        await adapters.Restorer.StartRestoreAsync(new RestoreRequest(id, (await adapters.Restorer.GetRestorableWindowAsync(Cancel)).Latest, new Dictionary<string, string>()), Cancel);
        Assert.Equal(RestorePhase.Available, (await RdsClusterRestorerMotoTests.PollUntilSettledAsync(adapters.Restorer, id)).Phase);

        var differences = await adapters.Restorer.CompareWithSourceAsync(id, Cancel);

        Assert.Equal("rds-ca-ecc384-g1", Assert.Single(lossy.Requests, r => r.Action == "CreateDBInstance").Field("CACertificateIdentifier"));
        var ca = Assert.Single(differences!);
        Assert.Equal(("writer CACertificateIdentifier", "rds-ca-ecc384-g1", null), (ca.Setting, ca.Source, ca.Why));
        Assert.NotEqual("rds-ca-ecc384-g1", ca.Restore);
    }

    private async Task<(AwsAdapters Adapters, string Id)> RestoredInstanceAsync()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        await new MotoSeed(moto.Url).CreateInstanceAsync(source, Cancel);
        var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", moto.Url, source));
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        await adapters.Restorer.StartRestoreAsync(new RestoreRequest(id, (await adapters.Restorer.GetRestorableWindowAsync(Cancel)).Latest, new Dictionary<string, string>()), Cancel);
        Assert.Equal(RestorePhase.Available, (await RdsClusterRestorerMotoTests.PollUntilSettledAsync(adapters.Restorer, id)).Phase);
        return (adapters, id);
    }
}
