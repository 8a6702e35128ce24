using System.Data;
using Clauses.Api.Auth;
using Dapper;
using Npgsql;

namespace Clauses.Api.Data;

/// <summary>
/// Opens units of work for the current caller: a connection and a transaction in which the caller's
/// user id and organisations are set with set_config(..., is_local => true). The settings vanish with
/// the transaction, so a pooled connection never carries one caller's tenancy into another's request.
/// </summary>
public sealed class TenantDb(NpgsqlDataSource dataSource, CurrentUserAccessor current)
{
    public Task<TenantSession> BeginAsync(CancellationToken ct) => OpenAsync(dataSource, current.User, ct);

    /// <summary>For background work done on behalf of a user (e.g. an import job).</summary>
    public sealed class Factory(NpgsqlDataSource dataSource)
    {
        public Task<TenantSession> BeginAsync(CurrentUser user, CancellationToken ct) => OpenAsync(dataSource, user, ct);
    }

    private static async Task<TenantSession> OpenAsync(NpgsqlDataSource dataSource, CurrentUser? user, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var tx = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            await conn.ExecuteAsync(new CommandDefinition("""
                SELECT set_config('clauses.user_id', @UserId, true),
                       set_config('clauses.org_ids', @OrgIds, true),
                       set_config('clauses.facilitator_org_ids', @FacilitatorOrgIds, true),
                       set_config('clauses.admin_org_ids', @AdminOrgIds, true),
                       set_config('clauses.platform_admin', @PlatformAdmin, true)
                """,
                new
                {
                    UserId = user?.Id.ToString() ?? "",
                    OrgIds = ArrayLiteral(user?.OrganisationIds()),
                    FacilitatorOrgIds = ArrayLiteral(user?.OrganisationIdsWithRole(Roles.Facilitateur)),
                    AdminOrgIds = ArrayLiteral(user?.OrganisationIdsWithRole(Roles.Admin)),
                    PlatformAdmin = user?.PlatformAdmin == true ? "on" : "off",
                },
                tx, cancellationToken: ct));
            return new TenantSession(conn, tx);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private static string ArrayLiteral(IEnumerable<Guid>? ids) => "{" + string.Join(',', ids ?? []) + "}";
}

/// <summary>A connection plus its transaction; Dapper helpers pass the transaction along.</summary>
public sealed class TenantSession(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;
    public NpgsqlTransaction Transaction { get; } = transaction;

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? param, CancellationToken ct) =>
        Connection.QueryAsync<T>(new CommandDefinition(sql, param, Transaction, cancellationToken: ct));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param, CancellationToken ct) =>
        Connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, param, Transaction, cancellationToken: ct));

    public Task<T> ExecuteScalarAsync<T>(string sql, object? param, CancellationToken ct) =>
        Connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, param, Transaction, cancellationToken: ct))!;

    public Task<int> ExecuteAsync(string sql, object? param, CancellationToken ct) =>
        Connection.ExecuteAsync(new CommandDefinition(sql, param, Transaction, cancellationToken: ct));

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
