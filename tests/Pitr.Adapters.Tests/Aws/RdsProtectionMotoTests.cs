using Pitr.Adapters.Aws.Rds;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>
/// A restore that became production is protected before the recovery completes: backup retention raised to the
/// configured minimum and deletion protection on, read back from moto; a database the bot did not create is
/// never modified, only reported with the command that fixes it.
/// </summary>
[Collection(MotoServerGroup.Name)]
public sealed class RdsProtectionMotoTests(MotoServer moto)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("rds-cluster")]
    [InlineData("rds-instance")]
    public async Task Own_restore_gets_the_minimum_retention_and_deletion_protection_when_protected(string engine)
    {
        var source = await UnprotectedSourceAsync(engine);
        await using var recorder = await MotoRecorder.StartAsync(moto.Url);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds(engine, recorder.Url, source, ("DeletionProtection", "false")));
        var id = await RestoreAsync(adapters.Restorer);

        var report = await adapters.Restorer.ProtectAsync(id, Cancel);
        var (retention, protection) = await DescribeAsync(engine, id);
        await adapters.Restorer.DeleteAsync(id, Cancel);

        Assert.True(report.Protected, string.Join("; ", report.Items.Select(i => $"{i.Name}: {i.Observed} ({i.Fix})")));
        Assert.Equal((30, true), (retention, protection));
        var modified = recorder.Requests.Where(r => r.Action.StartsWith("Modify", StringComparison.Ordinal)).Select(Target).ToList();
        Assert.NotEmpty(modified);
        Assert.All(modified, m => Assert.StartsWith("pitr-", m));
    }

    [Theory]
    [InlineData("rds-cluster")]
    [InlineData("rds-instance")]
    public async Task A_database_the_bot_did_not_create_is_reported_with_the_fix_and_never_modified(string engine)
    {
        var source = await UnprotectedSourceAsync(engine);
        await using var recorder = await MotoRecorder.StartAsync(moto.Url);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds(engine, recorder.Url, source));

        var report = await adapters.Restorer.ProtectAsync(source, Cancel);

        Assert.False(report.Protected);
        Assert.DoesNotContain(recorder.Requests, r => r.Action.StartsWith("Modify", StringComparison.Ordinal));
        Assert.Equal((7, false), await DescribeAsync(engine, source));
        var retention = Assert.Single(report.Items, i => i.Name == "Backup retention");
        Assert.Contains($"{source} --backup-retention-period 30 --apply-immediately", retention.Fix);
        Assert.Contains("not created by this bot", retention.Fix);
    }

    private static string Target(CapturedRequest request) => request.Field("DBClusterIdentifier") ?? request.Field("DBInstanceIdentifier") ?? "";

    private async Task<(int Retention, bool DeletionProtection)> DescribeAsync(string engine, string id)
    {
        var rds = new MotoSeed(moto.Url).Rds;
        return engine == "rds-cluster"
            ? await rds.GetClusterAsync(id, Cancel) is var c ? (c.BackupRetentionDays, c.DeletionProtection) : default
            : await rds.GetInstanceAsync(id, Cancel) is var i ? (i.BackupRetentionDays, i.DeletionProtection) : default;
    }

    /// <summary>A source below the business rules: 7 days of backups, no deletion protection.</summary>
    private async Task<string> UnprotectedSourceAsync(string engine)
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        var seed = new MotoSeed(moto.Url);
        var (create, modify, field) = engine == "rds-cluster"
            ? (seed.CreateAuroraClusterAsync(source, Cancel), "ModifyDBCluster", "DBClusterIdentifier")
            : (seed.CreateInstanceAsync(source, Cancel), "ModifyDBInstance", "DBInstanceIdentifier");
        await create;
        await seed.Rds.CallAsync(new RdsForm(modify).Add(field, source).Add("BackupRetentionPeriod", 7).Add("DeletionProtection", false).Add("ApplyImmediately", true), Cancel);
        return source;
    }

    private static async Task<string> RestoreAsync(IDatabaseRestorer restorer)
    {
        var id = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        var window = await restorer.GetRestorableWindowAsync(Cancel);
        await restorer.StartRestoreAsync(new RestoreRequest(id, window.Latest, new Dictionary<string, string>()), Cancel);
        Assert.Equal(RestorePhase.Available, (await RdsClusterRestorerMotoTests.PollUntilSettledAsync(restorer, id)).Phase);
        return id;
    }
}
