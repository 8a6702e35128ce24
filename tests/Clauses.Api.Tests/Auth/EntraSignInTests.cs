using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Web;
using Clauses.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clauses.Api.Tests.Auth;

/// <summary>Page sign-in with Microsoft Entra ID (code flow + PKCE), against a loopback stand-in of the identity provider.</summary>
public sealed class EntraSignInTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string ClientId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private readonly TestData _data = new(db);
    private readonly RSA _key = RSA.Create(2048);
    private WebApplication _provider = null!;
    private string _base = "";
    private ApiFactory _api = null!;

    /// <summary>The nonce the next id_token carries (a real provider copies the one of the authorize request).</summary>
    private string _nonce = "";
    private string _oid = Guid.NewGuid().ToString();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapGet($"/{Tenant}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"{_base}/{Tenant}/v2.0", ["authorization_endpoint"] = $"{_base}/{Tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{_base}/{Tenant}/oauth2/v2.0/token", ["jwks_uri"] = $"{_base}/{Tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _provider.MapGet($"/{Tenant}/discovery/v2.0/keys", () =>
        {
            var p = _key.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = "k1", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });
        _provider.MapPost($"/{Tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["code"] != "bon-code" || string.IsNullOrEmpty(form["code_verifier"]) || form["client_secret"] != "secret")
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            return Results.Json(new { id_token = IdToken(_nonce) });
        });
        await _provider.StartAsync();
        _base = _provider.Urls.First();
        _api = new ApiFactory(db, "Production", new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = _base + "/", ["AzureAd:TenantId"] = Tenant, ["AzureAd:ClientId"] = ClientId, ["AzureAd:ClientSecret"] = "secret",
        });
        var org = await _data.OrganisationAsync("Ville connectée");
        await _data.ScalarAsync<int>("""
            WITH u AS (INSERT INTO users (tenant_id, object_id, email, display_name) VALUES (@Tenant, @oid, 'agent@ville.fr', 'Agent Ville') RETURNING id)
            INSERT INTO memberships (organisation_id, user_id, role) SELECT @org, id, 'acheteur' FROM u RETURNING 1
            """, new { Tenant, oid = _oid, org });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _provider.DisposeAsync();
        _key.Dispose();
    }

    private string IdToken(string nonce) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = $"{_base}/{Tenant}/v2.0", Audience = ClientId, Expires = DateTime.UtcNow.AddMinutes(10),
        Subject = new ClaimsIdentity([new Claim("tid", Tenant), new Claim("oid", _oid), new Claim("name", "Agent Ville"),
            new Claim("preferred_username", "agent@ville.fr"), new Claim("nonce", nonce)]),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
    });

    private HttpClient Browser() => _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<(string State, string Nonce)> StartAsync(HttpClient browser)
    {
        var start = await browser.GetAsync(new Uri("/connexion/entra?returnUrl=%2Fmarches-reserves", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var query = HttpUtility.ParseQueryString(start.Headers.Location!.Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("form_post", query["response_mode"]);
        return (query["state"]!, query["nonce"]!);
    }

    private static Task<HttpResponseMessage> ReturnAsync(HttpClient browser, string code, string state) =>
        browser.PostAsync(new Uri("/connexion/entra/retour", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["state"] = state }));

    [Fact]
    public async Task The_code_flow_opens_a_session_on_the_pages()
    {
        var browser = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri("/marches-reserves", UriKind.Relative))).StatusCode);
        var (state, nonce) = await StartAsync(browser);
        _nonce = nonce;
        var back = await ReturnAsync(browser, "bon-code", state);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/marches-reserves", back.Headers.Location!.OriginalString);
        var page = await browser.GetAsync(new Uri("/marches-reserves", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Agent Ville", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_state_or_a_replayed_nonce_is_refused()
    {
        var browser = Browser();
        var (_, nonce) = await StartAsync(browser);
        _nonce = nonce;
        await ProblemAssert.IsProblem(await ReturnAsync(browser, "bon-code", "etat-forge"), HttpStatusCode.BadRequest);

        var (state, _) = await StartAsync(browser);
        _nonce = "autre-nonce";
        await ProblemAssert.IsProblem(await ReturnAsync(browser, "bon-code", state), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri("/marches-reserves", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_bad_code_is_refused_in_french()
    {
        var browser = Browser();
        var (state, nonce) = await StartAsync(browser);
        _nonce = nonce;
        var problem = await ProblemAssert.IsProblem(await ReturnAsync(browser, "mauvais-code", state), HttpStatusCode.Unauthorized);
        Assert.Contains("code", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
