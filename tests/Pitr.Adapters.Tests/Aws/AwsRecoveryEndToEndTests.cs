using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Local;
using Pitr.Adapters.Tests.Support;
using Pitr.Domain;
using Pitr.Domain.Alerts;
using Pitr.Domain.Alerts.Receive;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>
/// The recovery engine's happy path with the rds-cluster engine and the Secrets Manager store on
/// moto, composed from configuration by <c>AddPitrAdapters</c>. moto's endpoints do not resolve, so
/// the validation checks reach a real local PostgreSQL through the Validation:Endpoint override.
/// </summary>
[Collection(MotoServerGroup.Name)]
public sealed class AwsRecoveryEndToEndTests(MotoServer moto) : IAsyncLifetime
{
    private readonly string storePath = Path.Combine(Path.GetTempPath(), $"pitr-aws-e2e-{Guid.NewGuid():N}.db");
    private TemporaryPostgres restored = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        restored = await TemporaryPostgres.StartAsync(cancellationToken: Cancel);
        await restored.ScalarAsync("create table orders (id int primary key); insert into orders select generate_series(1, 42)");
    }

    public async ValueTask DisposeAsync()
    {
        await restored.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { storePath, storePath + "-wal", storePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Recovery_completes_with_the_secret_pointing_at_the_restored_cluster_when_approved()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        var secret = $"app/db-{Guid.NewGuid():N}";
        var seed = new MotoSeed(moto.Url);
        await seed.CreateAuroraClusterAsync(source, Cancel);
        await seed.CreateSecretAsync(secret, new JsonObject { ["host"] = "prod.cluster-x.rds.amazonaws.com", ["port"] = 5433, ["username"] = "app", ["password"] = "s3cr3t" }, Cancel);
        // A window at least a second long, so a target to the second lies inside it.
        await Task.Delay(TimeSpan.FromSeconds(1.2), Cancel);
        await using var services = Compose(source, secret);
        var engine = new Engine(services);

        var window = await engine.Catalog.Find("orders")!.Restorer.GetRestorableWindowAsync(Cancel);
        // The time as a person would type it, parsed where it was typed.
        Assert.True(RecoveryTarget.TryParse(TimeFormat.Utc(window.Latest), out var target, out var problem), problem.ToString());
        var started = await engine.Start.Handle(new StartRecovery(null, target, RecoveryWorld.Alice, "C1"), Cancel);
        Assert.True(started.Succeeded, $"{started.Status}: {started.Why}");
        var id = started.Recovery!.Id;
        var confirmed = await engine.ActAsync(id, RecoveryTrigger.Confirm, RecoveryWorld.Alice, Cancel);
        Assert.True(confirmed.Succeeded, $"{confirmed.Status}: {confirmed.Why}");
        var awaiting = await engine.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        var approved = await engine.ActAsync(id, RecoveryTrigger.Approve, RecoveryWorld.Bob, Cancel);
        Assert.True(approved.Succeeded, $"{approved.Status}: {approved.Why}");
        var completed = await engine.RunUntilAsync(id, RecoveryState.Completed);

        var attempt = completed.CurrentAttempt;
        Assert.True(awaiting.CurrentAttempt.Validation?.Passed, string.Join("; ", awaiting.CurrentAttempt.Validation?.Checks.Select(c => $"{c.Name}: {c.Observed}") ?? []));
        Assert.Empty(awaiting.CurrentAttempt.Validation!.SettingsDiff!);
        Assert.Equal(AttemptOutcome.CutOver, attempt.Outcome);
        Assert.NotNull(await seed.Rds.FindInstanceAsync(Pitr.Adapters.Aws.Rds.RdsClusterRestorer.WriterIdentifier(attempt.Identifier), Cancel));
        var current = JsonNode.Parse((await seed.Secrets.FindVersionAsync(secret, "AWSCURRENT", Cancel))!.Value)!.AsObject();
        Assert.Equal(attempt.Endpoint!.Host, (string?)current["host"]);
        Assert.StartsWith($"{attempt.Identifier}.cluster-", (string?)current["host"]);
        Assert.Equal("s3cr3t", (string?)current["password"]);
        Assert.Equal("prod.cluster-x.rds.amazonaws.com:5433", completed.SecretChange?.PreviousEndpoint);

        // The restored cluster is production now: protected before completing, and the next recovery restores from it.
        Assert.True(completed.Protection?.Protected, string.Join("; ", completed.Protection?.Items.Select(i => $"{i.Name}: {i.Observed}") ?? []));
        var production = await seed.Rds.GetClusterAsync(attempt.Identifier, Cancel);
        Assert.True(production.BackupRetentionDays >= 30 && production.DeletionProtection, $"{production.BackupRetentionDays} days, protection {production.DeletionProtection}");
        var next = await engine.Start.Handle(new StartRecovery(null, null, RecoveryWorld.Alice, "C1", RecoveryMode.Drill), Cancel);
        Assert.True(next.Succeeded, $"{next.Status}: {next.Why}");
        Assert.Equal(attempt.Identifier, next.Recovery!.SourceIdentifier);
        Assert.Equal(new ProductionMoved(id, attempt.Identifier, completed.CompletedAt!.Value, source), next.Recovery.Warning);
        await engine.ActAsync(next.Recovery.Id, RecoveryTrigger.Confirm, RecoveryWorld.Alice, Cancel);
        var drilled = await engine.RunUntilAsync(next.Recovery.Id, RecoveryState.AwaitingApproval);
        Assert.NotNull(await seed.Rds.FindClusterAsync(drilled.CurrentAttempt.Identifier, Cancel));
    }

    [Fact]
    public async Task An_alarm_in_alarm_after_the_cutover_stops_the_recovery_in_verifying_and_offers_roll_back()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        var secret = $"app/db-{Guid.NewGuid():N}";
        var alarm = $"checkout-5xx-{Guid.NewGuid():N}";
        var seed = new MotoSeed(moto.Url);
        await seed.CreateAuroraClusterAsync(source, Cancel);
        await seed.CreateSecretAsync(secret, new JsonObject { ["host"] = "prod.cluster-x.rds.amazonaws.com", ["port"] = 5433 }, Cancel);
        await seed.SetAlarmAsync(alarm, "ALARM", "Threshold Crossed: 1 datapoint [0.4] was greater than the threshold (0.05)", Cancel);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Cancel);
        await using var services = Compose(source, secret, new()
        {
            ["Pitr:Databases:orders:Policy:HealthTimeout"] = "00:00:01",
            ["Pitr:Databases:orders:Health:Probe"] = "cloudwatch",
            ["Pitr:Databases:orders:Health:CloudWatch:Region"] = AwsTestCredentials.Region,
            ["Pitr:Databases:orders:Health:CloudWatch:ServiceUrl"] = moto.Url.ToString(),
            ["Pitr:Databases:orders:Health:CloudWatch:AlarmNames:0"] = alarm,
            ["Pitr:Databases:orders:Health:CloudWatch:Interval"] = "00:00:00.100",
        });
        var engine = new Engine(services);
        var window = await engine.Catalog.Find("orders")!.Restorer.GetRestorableWindowAsync(Cancel);
        var id = (await engine.Start.Handle(new StartRecovery(null, RecoveryTarget.At(window.Latest), RecoveryWorld.Alice, "C1"), Cancel)).Recovery!.Id;
        await engine.ActAsync(id, RecoveryTrigger.Confirm, RecoveryWorld.Alice, Cancel);
        await engine.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await engine.ActAsync(id, RecoveryTrigger.Approve, RecoveryWorld.Bob, Cancel);

        var failed = await engine.RunUntilAsync(id, RecoveryState.Failed);

        Assert.Equal(RecoveryState.Verifying, failed.FailedIn);
        var unhealthy = Assert.IsType<HealthFailed>(failed.Trouble);
        Assert.Contains(unhealthy.Report.Checks, c => c.Name == alarm && !c.Healthy && c.Observed.StartsWith("ALARM", StringComparison.Ordinal));
        Assert.Contains(RecoveryTrigger.Rollback, Recovery.Load(failed, new RecoveryRules(), TimeProvider.System).AvailableActions().Select(a => a.Action));
    }

    [Fact]
    public async Task An_alert_on_an_rds_database_proposes_the_millisecond_before_the_drop_found_in_its_cloudwatch_log()
    {
        var source = $"prod-{Guid.NewGuid():N}"[..16];
        var secret = $"app/db-{Guid.NewGuid():N}";
        var seed = new MotoSeed(moto.Url);
        await seed.CreateAuroraClusterAsync(source, Cancel);
        var dropped = DateTimeOffset.UtcNow.AddMinutes(-6);
        dropped = dropped.AddTicks(-(dropped.Ticks % TimeSpan.TicksPerMillisecond));
        await seed.PutLogAsync($"/aws/rds/cluster/{source}/postgresql",
            [(dropped, $"{dropped:yyyy-MM-dd HH:mm:ss} UTC:10.0.0.5(53122):app@orders:[77]:LOG:  statement: DROP TABLE customers;")], Cancel);
        await using var services = Compose(source, secret);
        var channel = new RecordingChannel();
        var rules = new AlertRules { AlertNames = new HashSet<string> { "DataCorruptionSuspected" }, Channel = "C_INCIDENT" };
        var handler = new ReceiveAlertHandler(
            services.GetRequiredService<IDatabaseCatalog>(), channel, services.GetRequiredService<IAlertLog>(), services.GetRequiredService<IRecoveryStore>(), rules, TimeProvider.System);
        var alert = new ReceivedAlert(AlertStatus.Firing,
            new Dictionary<string, string> { ["alertname"] = "DataCorruptionSuspected", ["database"] = "orders" }, new Dictionary<string, string>(), dropped.AddMinutes(2), null);

        await handler.Handle(new ReceiveAlert(new AlertGroup($"g-{source}", AlertStatus.Firing, new Dictionary<string, string>(), [alert])), Cancel);

        var card = Assert.Single(channel.Alerts).Card;
        Assert.Equal(dropped.AddMilliseconds(-1), card.SuggestedTarget);
        Assert.Contains("DROP TABLE customers", card.SuggestionSource, StringComparison.Ordinal);
    }

    private ServiceProvider Compose(string source, string secret, Dictionary<string, string?>? more = null)
    {
        var db = "Pitr:Databases:orders";
        var settings = new Dictionary<string, string?>
        {
            ["Pitr:Store:Sqlite:Path"] = storePath,
            [$"{db}:Engine"] = "rds-cluster",
            [$"{db}:Policy:PollInterval"] = "00:00:00.100",
            [$"{db}:Rds:Region"] = AwsTestCredentials.Region,
            [$"{db}:Rds:ServiceUrl"] = moto.Url.ToString(),
            [$"{db}:Rds:SourceIdentifier"] = source,
            [$"{db}:Secret:Store"] = "aws-secretsmanager",
            [$"{db}:Secret:SecretsManager:Region"] = AwsTestCredentials.Region,
            [$"{db}:Secret:SecretsManager:ServiceUrl"] = moto.Url.ToString(),
            [$"{db}:Secret:SecretsManager:SecretId"] = secret,
            [$"{db}:Validation:Username"] = "postgres",
            [$"{db}:Validation:Database"] = "postgres",
            [$"{db}:Validation:SslMode"] = "Disable",
            [$"{db}:Validation:Endpoint:Host"] = PostgresServer.Host,
            [$"{db}:Validation:Endpoint:Port"] = restored.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{db}:Validation:Checks:0:Name"] = "orders were restored",
            [$"{db}:Validation:Checks:0:Sql"] = "select count(*) from orders",
            [$"{db}:Validation:Checks:0:Expect"] = ">= 42",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        AwsTestCredentials.Export();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton(TimeProvider.System)
            .AddPitrAdapters(configuration).BuildServiceProvider();
    }

    /// <summary>The engine as the host wires it, over the composed adapters and stores, with a recording incident channel.</summary>
    private sealed class Engine(IServiceProvider services)
    {
        private readonly WiredEngine engine = new(
            services.GetRequiredService<IRecoveryStore>(), services.GetRequiredService<IThreadLog>(), new RecordingChannel(),
            services.GetRequiredService<IDatabaseCatalog>(), new RecoveryRules(), TimeProvider.System);

        public IDatabaseCatalog Catalog => engine.Catalog;

        public StartRecoveryHandler Start => engine.Start;

        public ValueTask<RecoveryResult> ActAsync(string id, RecoveryTrigger action, Actor by, CancellationToken cancellationToken) =>
            engine.ActAsync(id, action, by, cancellationToken);

        public async Task<RecoverySnapshot> RunUntilAsync(string id, RecoveryState state)
        {
            for (var step = 0; step < 200; step++)
            {
                var recovery = await engine.Store.FindAsync(id, Cancel) ?? throw new InvalidOperationException($"no recovery {id}");
                if (recovery.State == state)
                {
                    return recovery;
                }

                Assert.True(recovery.State is not (RecoveryState.Failed or RecoveryState.Aborted), $"{id} is {recovery.State}: {recovery.Trouble}");
                var next = await engine.Stepper.AdvanceAsync(id, Cancel);
                await Task.Delay(next > TimeSpan.Zero && next < TimeSpan.FromMilliseconds(200) ? next : TimeSpan.FromMilliseconds(20), Cancel);
            }

            throw new InvalidOperationException($"{id} never reached {state}.");
        }
    }
}
