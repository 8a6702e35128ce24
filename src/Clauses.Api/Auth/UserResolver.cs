using Dapper;
using Npgsql;

namespace Clauses.Api.Auth;

/// <summary>Finds the Clauses user behind a token (Entra tid + oid) and their memberships.</summary>
public sealed class UserResolver(NpgsqlDataSource dataSource)
{
    private sealed record Row(Guid UserId, string DisplayName, string Email, bool PlatformAdmin,
        Guid? OrganisationId, string? OrganisationName, string? OrganisationKind, string? Role);

    public async Task<CurrentUser?> ResolveAsync(string tenantId, string objectId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(
            "SELECT * FROM auth_resolve_user(@tenantId, @objectId)", new { tenantId, objectId }, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return null;

        var first = rows[0];
        var memberships = rows
            .Where(r => r.OrganisationId is not null)
            .GroupBy(r => (r.OrganisationId!.Value, r.OrganisationName!, r.OrganisationKind!))
            .Select(g => new Membership(g.Key.Value, g.Key.Item2, g.Key.Item3, g.Select(r => r.Role!).ToList()))
            .ToList();
        return new CurrentUser(first.UserId, first.DisplayName, first.Email, first.PlatformAdmin, memberships);
    }
}
