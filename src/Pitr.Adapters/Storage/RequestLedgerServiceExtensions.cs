using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Pitr.Adapters.Storage.Sqlite;

namespace Pitr.Adapters.Storage;

public static class RequestLedgerServiceExtensions
{
    /// <summary>The request ledger, in the store <see cref="StorageServiceExtensions.AddRecoveryStore"/> configured.</summary>
    public static IServiceCollection AddRequestLedger(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IRequestLedger>(sp => new SqlRequestLedger(
            string.Equals(configuration[$"{StorageOptions.Section}:Kind"], "postgres", StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<NpgsqlDataSource>()
                : SqliteDialect.DataSource(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value)));
}
