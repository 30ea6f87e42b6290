using System.Net.Sockets;
using Pitr.Adapters.Local;
using Pitr.Adapters.Tests.Support;

namespace Pitr.Adapters.Tests.Local;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Server_answers_queries_when_started_as_the_postgres_user()
    {
        await using var postgres = await TemporaryPostgres.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var answer = await postgres.ScalarAsync("select current_user || ' ' || current_setting('port')");

        Assert.Equal($"postgres {postgres.Port}", answer);
    }

    [Fact]
    public async Task Server_is_gone_and_its_directory_removed_when_disposed()
    {
        var postgres = await TemporaryPostgres.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var port = postgres.Port;

        await postgres.DisposeAsync();

        Assert.False(Directory.Exists(postgres.RootDirectory));
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(PostgresServer.Host, port, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task Settings_written_before_start_are_in_effect()
    {
        await using var postgres = await TemporaryPostgres.StartAsync(
            new Dictionary<string, string> { ["application_name"] = "it's configured" },
            TestContext.Current.CancellationToken);

        Assert.Equal("it's configured", await postgres.ScalarAsync("show application_name"));
    }

    [Fact]
    public async Task The_pid_file_of_a_started_server_says_it_takes_connections_on_its_port()
    {
        await using var postgres = await TemporaryPostgres.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var pid = PostmasterPidFile.Read(postgres.Server.DataDirectory);

        Assert.NotNull(pid);
        Assert.True(pid.AcceptsConnections, pid.Status);
        Assert.Equal(postgres.Port, pid.Port);
    }

    [Fact]
    public async Task A_failed_start_is_reported_even_when_an_earlier_postmaster_pid_says_ready()
    {
        var token = TestContext.Current.CancellationToken;
        await using var postgres = await TemporaryPostgres.StartAsync(cancellationToken: token);
        var server = postgres.Server;
        var port = server.Port;
        await server.StopAsync(token);
        await server.ConfigureAsync(new Dictionary<string, string> { ["shared_buffers"] = "not a size" }, token);

        // What a postmaster killed long ago leaves behind: its lines as PostgreSQL writes them, status "ready".
        await File.WriteAllLinesAsync(Path.Combine(server.DataDirectory, "postmaster.pid"),
            ["999999", server.DataDirectory, "1600000000", port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.SocketDirectory, "127.0.0.1", "0 0", "ready   "], token);

        var failed = await Assert.ThrowsAsync<ExternalToolException>(() => server.StartAsync(port, cancellationToken: token));

        Assert.Equal("pg_ctl", failed.Tool);
    }
}
