using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clauses.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Clauses.Api.Auth;

/// <summary>
/// Sign-in to the server-rendered pages with Microsoft Entra ID: the OpenID Connect authorization-code
/// flow with PKCE, answered by form_post. Microsoft.AspNetCore.Authentication.OpenIdConnect cannot be
/// installed here, so this is the flow written out with Microsoft.IdentityModel (which JwtBearer
/// already brings): metadata and signing keys from the tenant's discovery document, the code exchanged
/// at the token endpoint with the app's secret, the id_token's signature, issuer, audience, lifetime
/// and nonce checked, then the same cookie session as the Development sign-in (tid, oid, name).
/// </summary>
public static class EntraSignIn
{
    public const string Path = "/connexion/entra";
    private const string StateCookie = "clauses.entra";

    private sealed record Pending(string State, string Nonce, string Verifier, string ReturnUrl, DateTimeOffset Expires);

    public static bool Configured(IConfiguration config) =>
        !string.IsNullOrWhiteSpace(config["AzureAd:ClientId"]) && !string.IsNullOrWhiteSpace(config["AzureAd:ClientSecret"]);

    public static WebApplication MapEntraSignIn(this WebApplication app)
    {
        if (!Configured(app.Configuration)) return app;
        var azure = app.Configuration.GetSection("AzureAd");
        var authority = $"{(azure["Instance"] ?? "https://login.microsoftonline.com/").TrimEnd('/')}/{azure["TenantId"]}/v2.0";
        var metadata = new ConfigurationManager<OpenIdConnectConfiguration>(authority + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = authority.StartsWith("https://", StringComparison.Ordinal) });

        app.MapGet(Path, async (string? returnUrl, HttpContext http, IDataProtectionProvider protection, TimeProvider clock) =>
        {
            var configuration = await metadata.GetConfigurationAsync(http.RequestAborted);
            var pending = new Pending(Random(), Random(), Random(), IsLocal(returnUrl) ? returnUrl! : "/", clock.GetUtcNow().AddMinutes(10));
            http.Response.Cookies.Append(StateCookie, Protector(protection).Protect(JsonSerializer.Serialize(pending)),
                new CookieOptions { HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.None, MaxAge = TimeSpan.FromMinutes(10) });
            var query = QueryString.Create(new Dictionary<string, string?>
            {
                ["client_id"] = azure["ClientId"], ["response_type"] = "code", ["response_mode"] = "form_post",
                ["redirect_uri"] = RedirectUri(http, azure), ["scope"] = "openid profile email", ["state"] = pending.State,
                ["nonce"] = pending.Nonce, ["code_challenge"] = Challenge(pending.Verifier), ["code_challenge_method"] = "S256",
            });
            return Results.Redirect(configuration.AuthorizationEndpoint + query);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost(Path + "/retour", async (HttpContext http, IDataProtectionProvider protection, IHttpClientFactory clients,
            UserResolver users, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form["error"].FirstOrDefault() is { } error)
                return Problems.Result(401, $"Microsoft Entra ID a refusé la connexion ({error}).", "connexion-refusee");
            Pending? pending = null;
            try
            {
                if (http.Request.Cookies[StateCookie] is { } cookie)
                    pending = JsonSerializer.Deserialize<Pending>(Protector(protection).Unprotect(cookie));
            }
            catch (CryptographicException) { }
            http.Response.Cookies.Delete(StateCookie);
            if (pending is null || pending.Expires < clock.GetUtcNow() || pending.State != form["state"].FirstOrDefault())
                return Problems.Result(400, "La demande de connexion a expiré ou ne correspond pas : recommencez depuis la page de connexion.", "connexion-expiree");

            var configuration = await metadata.GetConfigurationAsync(http.RequestAborted);
            using var exchange = await clients.CreateClient("entra").PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = form["code"].FirstOrDefault() ?? "", ["redirect_uri"] = RedirectUri(http, azure),
                ["client_id"] = azure["ClientId"]!, ["client_secret"] = azure["ClientSecret"]!, ["code_verifier"] = pending.Verifier,
            }), http.RequestAborted);
            if (!exchange.IsSuccessStatusCode)
                return Problems.Result(401, "Microsoft Entra ID n'a pas validé le code de connexion : recommencez.", "connexion-refusee");
            using var tokens = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync(http.RequestAborted));
            var idToken = tokens.RootElement.TryGetProperty("id_token", out var t) ? t.GetString() : null;
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
            {
                ValidIssuer = configuration.Issuer, ValidAudience = azure["ClientId"], IssuerSigningKeys = configuration.SigningKeys,
                ClockSkew = TimeSpan.FromMinutes(2),
            });
            if (!result.IsValid || result.ClaimsIdentity.FindFirst("nonce")?.Value != pending.Nonce)
                return Problems.Result(401, "Le jeton d'identité reçu de Microsoft Entra ID n'est pas valide.", "connexion-refusee");

            var claims = result.ClaimsIdentity;
            var tid = claims.FindFirst("tid")?.Value ?? "";
            var oid = claims.FindFirst("oid")?.Value ?? "";
            if (await users.ResolveAsync(tid, oid, http.RequestAborted) is null)
                return Problems.Result(403, "Votre compte n'est pas encore enregistré dans Clauses : demandez à l'administrateur de votre organisation de vous inviter.");
            var identity = new ClaimsIdentity(
            [
                new Claim("tid", tid), new Claim("oid", oid),
                new Claim("name", claims.FindFirst("name")?.Value ?? ""),
                new Claim("preferred_username", claims.FindFirst("preferred_username")?.Value ?? ""),
            ], CookieAuthenticationDefaults.AuthenticationScheme, "name", "roles");
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(pending.ReturnUrl);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();   // the form comes from Entra ID; state + PKCE protect it

        return app;
    }

    private static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector("Clauses.EntraSignIn");

    private static string RedirectUri(HttpContext http, IConfiguration azure) =>
        azure["RedirectUri"] ?? $"{http.Request.Scheme}://{http.Request.Host}{Path}/retour";

    private static bool IsLocal(string? url) => url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
