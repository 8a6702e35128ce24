using Dapper;
using Npgsql;

namespace Clauses.Api.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string ObjectId, string Email, string DisplayName);

/// <summary>Writes fixtures straight into the database as the schema owner (RLS does not apply to it).</summary>
public sealed class TestData(MigratedDatabase database)
{
    public const string TenantId = "test-tenant";

    private NpgsqlConnection Open()
    {
        var conn = new NpgsqlConnection(database.OwnerConnectionString);
        conn.Open();
        return conn;
    }

    public async Task<Guid> OrganisationAsync(string name, string kind = "commune")
    {
        await using var conn = Open();
        return await conn.ExecuteScalarAsync<Guid>(
            "INSERT INTO organisations (name, kind) VALUES (@name, @kind) RETURNING id", new { name, kind });
    }

    /// <summary>A user with roles: (organisation, role) pairs.</summary>
    public async Task<TestUser> UserAsync(string email, bool platformAdmin = false, params (Guid Organisation, string Role)[] roles)
    {
        await using var conn = Open();
        var objectId = Guid.NewGuid().ToString();
        var id = await conn.ExecuteScalarAsync<Guid>("""
            INSERT INTO users (tenant_id, object_id, email, display_name, platform_admin)
            VALUES (@TenantId, @objectId, @email, @email, @platformAdmin) RETURNING id
            """, new { TenantId, objectId, email, platformAdmin });
        foreach (var (organisation, role) in roles)
            await conn.ExecuteAsync("INSERT INTO memberships (organisation_id, user_id, role) VALUES (@organisation, @id, @role)",
                new { organisation, id, role });
        return new TestUser(id, objectId, email, email);
    }

    public async Task<Guid> ContractAsync(Guid organisationId, string reference, decimal amount = 1_000_000m, string title = "Marché de test")
    {
        await using var conn = Open();
        return await conn.ExecuteScalarAsync<Guid>("""
            INSERT INTO contracts (organisation_id, reference, title, kind, category, amount_ht)
            VALUES (@organisationId, @reference, @title, 'marche', 'travaux', @amount) RETURNING id
            """, new { organisationId, reference, title, amount });
    }

    public async Task<Guid> LotAsync(Guid organisationId, Guid contractId, int number, decimal amount)
    {
        await using var conn = Open();
        return await conn.ExecuteScalarAsync<Guid>("""
            INSERT INTO lots (organisation_id, contract_id, number, title, amount_ht)
            VALUES (@organisationId, @contractId, @number, 'Lot ' || @number, @amount) RETURNING id
            """, new { organisationId, contractId, number, amount });
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = Open();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async Task<List<T>> ListAsync<T>(string sql, object? args = null)
    {
        await using var conn = Open();
        return (await conn.QueryAsync<T>(sql, args)).AsList();
    }
}
