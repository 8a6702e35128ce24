using System.Security.Claims;
using Clauses.Api.Demo;
using Clauses.Api.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clauses.Api.Auth;

/// <summary>Mints Entra-shaped tokens (tid, oid, name, preferred_username) signed with the local key.</summary>
public sealed class DevTokenIssuer(DevTokenOptions options, TimeProvider clock)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(string tenantId, string objectId, string email, string displayName, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow();
        var expires = now + (lifetime ?? TimeSpan.FromHours(8));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevTokenOptions.Issuer,
            Audience = DevTokenOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim("tid", tenantId),
                new Claim("oid", objectId),
                new Claim("sub", objectId),
                new Claim("name", displayName),
                new Claim("preferred_username", email),
            ]),
            SigningCredentials = new SigningCredentials(options.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}

/// <summary>Development-only sign-in for the demo users; these routes do not exist in Production.</summary>
public static class DevTokensApi
{
    public sealed record TokenRequest(string? Email);
    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string Email, string DisplayName);
    public sealed record DemoUserResponse(string Email, string DisplayName, string Roles);

    public static WebApplication MapDevTokens(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;

        var dev = app.MapGroup("/dev").AllowAnonymous().WithTags("Développement");
        dev.MapGet("/users", () => DemoSeeder.Users.Select(u => new DemoUserResponse(u.Email, u.DisplayName, u.Summary)));
        dev.MapPost("/token", (TokenRequest request, DevTokenIssuer issuer) =>
        {
            var user = DemoSeeder.Users.FirstOrDefault(u => string.Equals(u.Email, request.Email?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (user is null)
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["email"] = ["Aucun utilisateur de démonstration n'a cette adresse (voir GET /dev/users)."],
                });
            var (token, expires) = issuer.Issue(DemoSeeder.DevTenantId, user.ObjectId, user.Email, user.DisplayName);
            return Results.Ok(new TokenResponse(token, expires, user.Email, user.DisplayName));
        });
        return app;
    }
}
