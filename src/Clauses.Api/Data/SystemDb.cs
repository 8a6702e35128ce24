using Npgsql;

namespace Clauses.Api.Data;

/// <summary>
/// Connections as the schema owner, for the system's own work across organisations (the retention
/// job, the import worker claiming jobs). Row-level security does not apply to them, so request
/// handlers never use this: they go through TenantDb.
/// </summary>
public sealed class SystemDb(IConfiguration config)
{
    private readonly string _connectionString = DatabaseStartup.OwnerConnectionString(config);

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync(ct);
        return conn;
    }
}
