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
}
