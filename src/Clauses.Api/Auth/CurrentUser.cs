namespace Clauses.Api.Auth;

public sealed record Membership(Guid OrganisationId, string OrganisationName, string OrganisationKind, IReadOnlyList<string> Roles);

/// <summary>The signed-in caller with the roles they hold in each organisation, resolved per request.</summary>
public sealed record CurrentUser(Guid Id, string DisplayName, string Email, bool PlatformAdmin, IReadOnlyList<Membership> Memberships)
{
    /// <summary>The token's identity (Entra tid and oid).</summary>
    public string TenantId { get; init; } = "";
    public string ObjectId { get; init; } = "";

    public IEnumerable<Guid> OrganisationIds() => Memberships.Select(m => m.OrganisationId);

    public IEnumerable<Guid> OrganisationIdsWithRole(string role) =>
        Memberships.Where(m => m.Roles.Contains(role)).Select(m => m.OrganisationId);

    public bool IsMember(Guid organisationId) => Memberships.Any(m => m.OrganisationId == organisationId);

    public bool HasAnyRole(Guid organisationId, params string[] roles) =>
        Memberships.Any(m => m.OrganisationId == organisationId && m.Roles.Any(roles.Contains));
}

/// <summary>Scoped holder filled by the sign-in middleware.</summary>
public sealed class CurrentUserAccessor
{
    public CurrentUser? User { get; set; }

    public CurrentUser Required => User ?? throw new InvalidOperationException("No signed-in user in this request.");
}
