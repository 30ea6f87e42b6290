using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Pitr.Adapters.Storage.Postgres;
using Pitr.Adapters.Storage.Sqlite;
using Pitr.Domain.Alerts;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Storage;

public static class StorageServiceExtensions
{
    /// <summary>The recovery store, its thread log, its leases and the claimed drill due times, as <c>Pitr:Store:Kind</c> says.</summary>
    public static IServiceCollection AddRecoveryStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return string.Equals(configuration[$"{StorageOptions.Section}:Kind"], "postgres", StringComparison.OrdinalIgnoreCase)
            ? services.AddPostgresStore()
            : services.AddSqliteStore();
    }

    private static IServiceCollection AddSqliteStore(this IServiceCollection services)
    {
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IRecoveryStore>(sp => new SqlRecoveryStore(
            SqliteDialect.DataSource(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value), new SqliteDialect()));
        services.AddSingleton<IThreadLog>(sp => new SqlThreadLog(
            SqliteDialect.DataSource(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value), new SqliteDialect(), sp.GetRequiredService<IRecoveryLeases>()));
        services.AddSingleton<IRecoveryLeases, LocalRecoveryLeases>();
        services.AddSingleton<IAlertLog>(sp => new SqlAlertLog(SqliteDialect.DataSource(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value)));
        services.AddSingleton<IDrillClaims>(sp => new SqlDrillClaims(SqliteDialect.DataSource(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value)));
        return services;
    }

    private static IServiceCollection AddPostgresStore(this IServiceCollection services)
    {
        services.AddOptions<PostgresStoreOptions>().BindConfiguration(PostgresStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<PostgresStoreOptions>>().Value.ConnectionString));
        services.AddSingleton<IRecoveryStore>(sp => new SqlRecoveryStore(sp.GetRequiredService<NpgsqlDataSource>(), new PostgresDialect()));
        services.AddSingleton<IThreadLog>(sp => new SqlThreadLog(sp.GetRequiredService<NpgsqlDataSource>(), new PostgresDialect(), sp.GetRequiredService<IRecoveryLeases>()));
        services.AddSingleton<IRecoveryLeases, PostgresRecoveryLeases>();
        services.AddSingleton<IAlertLog>(sp => new SqlAlertLog(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<IDrillClaims>(sp => new SqlDrillClaims(sp.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }
}
