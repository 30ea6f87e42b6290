namespace Pitr.Adapters.Tests.Support;

/// <summary>One throwaway PostgreSQL server shared by a test class: <c>IClassFixture&lt;PostgresFixture&gt;</c>.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private TemporaryPostgres? postgres;

    public TemporaryPostgres Postgres => postgres ?? throw new InvalidOperationException("The fixture has not started yet.");

    public string ConnectionString(string database = "postgres") => Postgres.ConnectionString(database);

    public async ValueTask InitializeAsync() => postgres = await TemporaryPostgres.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}
