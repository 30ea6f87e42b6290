using Microsoft.Extensions.DependencyInjection;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Storage;

public static class StorageServiceExtensions
{
    public static IServiceCollection AddSqliteStore(this IServiceCollection services)
    {
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IRecoveryStore, SqliteRecoveryStore>();
        return services;
    }
}
