using System.Data.Common;

namespace Pitr.Adapters.Storage;

internal static class DbCommandExtensions
{
    /// <summary>Adds a named parameter the same way for every provider.</summary>
    public static void AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Runs statements that return nothing (schema scripts).</summary>
    public static async Task ExecuteAsync(this DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
