using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace Pitr.Adapters.Local.Demo;

/// <summary>
/// Everything the demo runs, in one temporary directory: a primary archiving its WAL with a base
/// backup, the demo service reading its secret file, and whatever servers the recovery restores.
/// Disposing stops every process it started and removes the directory.
/// </summary>
public sealed class DemoEnvironment : IAsyncDisposable
{
    public const string Database = "demo";
    private const int Batches = 40;
    private const int RowsPerBatch = 25;

    private readonly Lock gate = new();
    private Task? cleanup;

    private DemoEnvironment(string root, PostgresInstallation installation, ArchivingPrimary primary, int servicePort)
    {
        Root = root;
        Installation = installation;
        Primary = primary;
        ServicePort = servicePort;
    }

    public string Root { get; }

    public PostgresInstallation Installation { get; }

    public ArchivingPrimary Primary { get; }

    public int ServicePort { get; }

    public string WorkDir => Path.Combine(Root, "restores");

    public string SecretFile => Path.Combine(Root, "service", "db.json");

    public string PidFile => Path.Combine(Root, "service", "demo-service.pid");

    public Uri HealthUrl => new($"http://127.0.0.1:{ServicePort}/healthz");

    public static async Task<DemoEnvironment> StartAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("pitr-demo-").FullName;
        var installation = PostgresInstallation.Find();
        ArchivingPrimary? primary = null;
        try
        {
            primary = await ArchivingPrimary.StartAsync(installation, Path.Combine(root, "source"), cancellationToken: cancellationToken);
            var environment = new DemoEnvironment(root, installation, primary, PostgresServer.FreePort());
            Directory.CreateDirectory(Path.Combine(root, "service"));
            await installation.PrepareDirectoryAsync(environment.WorkDir, cancellationToken);
            await File.WriteAllTextAsync(environment.SecretFile, new JsonObject
            {
                ["host"] = PostgresServer.Host,
                ["port"] = primary.Server.Port,
                ["username"] = PostgresServer.Superuser,
                ["password"] = "not-needed-here",
                ["dbname"] = "postgres",
            }.ToJsonString(), cancellationToken);
            return environment;
        }
        catch
        {
            if (primary is not null)
            {
                await primary.DisposeAsync();
            }

            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>The configuration of the demo database: local engine, file secret, the demo service as a process workload, its /healthz as health check.</summary>
    /// <param name="botAssembly">The bot's own assembly: the demo service is the bot started again with <c>demo-service</c>.</param>
    public Dictionary<string, string?> Configuration(string botAssembly)
    {
        var db = $"Pitr:Databases:{Database}";
        var (command, prefix) = LauncherOf(botAssembly);
        var settings = new Dictionary<string, string?>
        {
            ["Pitr:DefaultDatabase"] = Database,
            ["Pitr:Store:Sqlite:Path"] = Path.Combine(Root, "pitr.db"),
            ["Pitr:Rules:RequireDistinctApprover"] = "true",
            [$"{db}:Engine"] = "local",
            [$"{db}:Local:BaseBackupDir"] = Primary.BaseBackupDir,
            [$"{db}:Local:WalArchiveDir"] = Primary.WalArchiveDir,
            [$"{db}:Local:WorkDir"] = WorkDir,
            [$"{db}:Local:SourceConnectionString"] = Primary.ConnectionString(),
            [$"{db}:Policy:PollInterval"] = "00:00:00.100",
            [$"{db}:Validation:Username"] = PostgresServer.Superuser,
            [$"{db}:Validation:SslMode"] = "Disable",
            [$"{db}:Validation:Checks:0:Name"] = "orders present",
            [$"{db}:Validation:Checks:0:Sql"] = "select count(*) from orders",
            [$"{db}:Validation:Checks:0:Expect"] = ">= 1",
            [$"{db}:Validation:Checks:1:Name"] = "customers table present",
            [$"{db}:Validation:Checks:1:Sql"] = "select to_regclass('public.customers') is not null",
            [$"{db}:Validation:Checks:1:Expect"] = "true",
            [$"{db}:Validation:LandedAt:Table"] = "public.orders",
            [$"{db}:Validation:LandedAt:Column"] = "created_at",
            [$"{db}:Validation:LandedAt:Tolerance"] = "00:01:00",
            [$"{db}:Secret:Store"] = "file",
            [$"{db}:Secret:File:Path"] = SecretFile,
            [$"{db}:Workloads:Restarter"] = "process",
            [$"{db}:Workloads:Process:Processes:0:Name"] = "demo-service",
            [$"{db}:Workloads:Process:Processes:0:Command"] = command,
            [$"{db}:Workloads:Process:Processes:0:PidFile"] = PidFile,
            [$"{db}:Workloads:Process:Processes:0:ReadyUrl"] = HealthUrl.ToString(),
            [$"{db}:Health:Probe"] = "http",
            [$"{db}:Health:Http:Checks:0:Name"] = "demo-service /healthz",
            [$"{db}:Health:Http:Checks:0:Url"] = HealthUrl.ToString(),
            [$"{db}:Health:Http:StablePeriod"] = "00:00:00.500",
            [$"{db}:Health:Http:Interval"] = "00:00:00.100",
        };
        string[] arguments = [.. prefix, "demo-service", "--secret", SecretFile, "--listen", ServicePort.ToString(CultureInfo.InvariantCulture)];
        for (var i = 0; i < arguments.Length; i++)
        {
            settings[$"{db}:Workloads:Process:Processes:0:Arguments:{i}"] = arguments[i];
        }

        return settings;
    }

    /// <summary>Creates the schema and takes the base backup the recovery will start from.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("""
            create table orders(id bigserial primary key, item text not null, created_at timestamptz not null default clock_timestamp());
            create table customers(id int primary key, name text not null);
            insert into customers select g, 'customer ' || g from generate_series(1, 50) g;
            """, cancellationToken);
        await Primary.TakeBaseBackupAsync("base", cancellationToken);
    }

    /// <summary>Timestamped writes, one transaction per batch; returns how many orders exist.</summary>
    public async Task<long> WriteWorkloadAsync(CancellationToken cancellationToken)
    {
        for (var batch = 0; batch < Batches; batch++)
        {
            await ExecuteAsync($"insert into orders(item) select 'item ' || g from generate_series(1, {RowsPerBatch}) g", cancellationToken);
        }

        return await CountOrdersAsync(Primary.ConnectionString(), cancellationToken);
    }

    /// <summary>The incident: a DELETE without its WHERE clause's second half, then a DROP TABLE; traffic goes on after it.</summary>
    public async Task CorruptAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("delete from orders where id % 4 <> 0", cancellationToken);
        await ExecuteAsync("drop table customers", cancellationToken);
        await ExecuteAsync("insert into orders(item) values ('written after the incident')", cancellationToken);
        await Primary.SwitchWalAsync(cancellationToken);
    }

    public static async Task<long> CountOrdersAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select count(*) from orders", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<bool> CustomersPresentAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select to_regclass('public.customers') is not null", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>What the demo service says about the database it talks to.</summary>
    public async Task<JsonObject?> ServiceIdentityAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync(HealthUrl, cancellationToken);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?.AsObject() : null;
    }

    /// <summary>
    /// Stops the demo service, every restored server and the primary, then removes the directory.
    /// Every caller (the normal end, Ctrl+C, process exit) waits for the one cleanup.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            cleanup ??= CleanUpAsync();
        }

        return new ValueTask(cleanup);
    }

    private async Task CleanUpAsync()
    {
        StopService();
        foreach (var restore in Directory.Exists(WorkDir) ? Directory.GetDirectories(WorkDir) : [])
        {
            await new PostgresServer(Installation, Path.Combine(restore, "data")).StopAsync(CancellationToken.None);
        }

        await Primary.DisposeAsync();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private void StopService()
    {
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Primary.ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How to start the bot: its own launcher beside its assembly, or <c>dotnet pitr.dll</c>.</summary>
    private static (string Command, string[] Prefix) LauncherOf(string assembly)
    {
        var launcher = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        return File.Exists(launcher) ? (launcher, []) : ("dotnet", [assembly]);
    }
}
