using Npgsql;

namespace Pitr.Adapters.Local;

/// <summary>
/// Names the relations the WAL knows only by file ("1663/5/16385" → "public.orders"), by asking the
/// source server. A relation the source no longer has (dropped) or a source that cannot be reached
/// keeps its file number: a suggestion never waits on names.
/// </summary>
internal sealed class RelationNames(string? sourceConnectionString)
{
    private const string DatabaseOf = "SELECT datname FROM pg_database WHERE oid = @oid";

    // Tablespace 0 is "the database's default", which is how pg_class records relations that live there.
    private const string NameOf = """
        SELECT n.nspname || '.' || c.relname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = coalesce(pg_filenode_relation(0, @node), pg_filenode_relation(@space, @node))
        """;

    public async Task<IReadOnlyDictionary<string, string>> NameAsync(IEnumerable<string> relations, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sourceConnectionString is null)
        {
            return names;
        }

        foreach (var group in relations.Distinct().Select(Parse).OfType<RelationFile>().GroupBy(r => r.Database))
        {
            try
            {
                await NameInAsync(group.Key, group, names, cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // Unreachable source or a database we may not enter: the file numbers stand.
            }
        }

        return names;
    }

    private async Task NameInAsync(uint database, IEnumerable<RelationFile> files, Dictionary<string, string> names, CancellationToken cancellationToken)
    {
        string? datname;
        await using (var source = new NpgsqlConnection(sourceConnectionString))
        {
            await source.OpenAsync(cancellationToken);
            await using var lookup = new NpgsqlCommand(DatabaseOf, source) { Parameters = { new("oid", NpgsqlTypes.NpgsqlDbType.Oid) { Value = database } } };
            datname = await lookup.ExecuteScalarAsync(cancellationToken) as string;
        }

        if (datname is null)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(sourceConnectionString) { Database = datname };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var file in files)
        {
            await using var command = new NpgsqlCommand(NameOf, connection)
            {
                Parameters =
                {
                    new("space", NpgsqlTypes.NpgsqlDbType.Oid) { Value = file.Tablespace },
                    new("node", NpgsqlTypes.NpgsqlDbType.Oid) { Value = file.Node },
                },
            };
            if (await command.ExecuteScalarAsync(cancellationToken) is string name)
            {
                names[file.Key] = name;
            }
        }
    }

    /// <summary>"1663/5/16385" (tablespace/database/file node), or "base/5/16385" as a dropped-relation list writes it.</summary>
    private static RelationFile? Parse(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 3 && uint.TryParse(parts[1], out var database) && uint.TryParse(parts[2], out var node)
            ? new RelationFile(key, uint.TryParse(parts[0], out var space) ? space : 0, database, node)
            : null;
    }

    private sealed record RelationFile(string Key, uint Tablespace, uint Database, uint Node);
}
