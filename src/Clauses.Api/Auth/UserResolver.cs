using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Clauses.Api.Auth;

/// <summary>
/// Finds the Clauses user behind a token (Entra tid + oid) and their memberships. Answers are kept
/// for a few seconds (Auth:MembershipCacheSeconds, default 30) so that a burst of calls — the sizing
/// form recomputes as the buyer types — does not cost a database round trip each; a membership
/// granted or revoked elsewhere takes effect within that delay.
/// </summary>
public sealed class UserResolver(NpgsqlDataSource dataSource, IMemoryCache cache, IConfiguration config)
{
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(config.GetValue("Auth:MembershipCacheSeconds", 30));

    private sealed record Row(Guid UserId, string DisplayName, string Email, bool PlatformAdmin,
        Guid? OrganisationId, string? OrganisationName, string? OrganisationKind, string? Role);

    private static string Key(string tenantId, string objectId) => $"user:{tenantId}:{objectId}";

    public async Task<CurrentUser?> ResolveAsync(string tenantId, string objectId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(tenantId, objectId), out CurrentUser? cached)) return cached;
        var user = await LoadAsync(tenantId, objectId, ct);
        // Unknown users are not cached: once invited they can sign in at once.
        if (user is not null && _lifetime > TimeSpan.Zero) cache.Set(Key(tenantId, objectId), user, _lifetime);
        return user;
    }

    /// <summary>Forgets a user's memberships after this instance changed them.</summary>
    public void Forget(string tenantId, string objectId) => cache.Remove(Key(tenantId, objectId));

    private async Task<CurrentUser?> LoadAsync(string tenantId, string objectId, CancellationToken ct)
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
        return new CurrentUser(first.UserId, first.DisplayName, first.Email, first.PlatformAdmin, memberships)
        {
            TenantId = tenantId,
            ObjectId = objectId,
        };
    }
}
