namespace Clauses.Api.Auth;

public static class MeApi
{
    public sealed record MeResponse(Guid Id, string DisplayName, string Email, bool PlatformAdmin, IReadOnlyList<Membership> Memberships);

    /// <summary>GET /api/me: who the caller is and what they may do where.</summary>
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (CurrentUserAccessor current) =>
        {
            var u = current.Required;
            return TypedResults.Ok(new MeResponse(u.Id, u.DisplayName, u.Email, u.PlatformAdmin, u.Memberships));
        }).WithTags("Compte");
        return api;
    }
}
