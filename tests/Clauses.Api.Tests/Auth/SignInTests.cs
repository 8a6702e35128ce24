using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clauses.Api.Tests.Auth;

public sealed class SignInTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Health_is_open_and_checks_the_database()
    {
        var response = await _api.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.GetProperty("checks").GetProperty("postgresql").GetString());
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/contracts")]
    [InlineData("/api/organisations")]
    public async Task Without_a_token_the_api_answers_401_in_french(string path)
    {
        var response = await _api.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Authentification requise", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl");
        var problem = await ProblemAssert.IsProblem(await client.GetAsync(new Uri("/api/me", UriKind.Relative)), HttpStatusCode.Unauthorized);
        Assert.Contains("invalide", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_for_an_unknown_user_gets_a_french_403()
    {
        var stranger = new TestUser(Guid.NewGuid(), Guid.NewGuid().ToString(), "inconnu@exemple.fr", "Inconnu");
        var response = await _api.ClientFor(stranger).GetAsync(new Uri("/api/me", UriKind.Relative));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
        Assert.Contains("pas encore enregistré", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_lists_the_callers_roles_per_organisation()
    {
        var métropole = await _data.OrganisationAsync("Métropole test", "metropole");
        var commune = await _data.OrganisationAsync("Commune test");
        var user = await _data.UserAsync("facilitatrice@exemple.fr", false,
            (métropole, "facilitateur"), (commune, "facilitateur"), (commune, "directeur"));

        var me = await _api.ClientFor(user).GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal(user.Id, me.GetProperty("id").GetGuid());
        var memberships = me.GetProperty("memberships").EnumerateArray().ToDictionary(
            m => m.GetProperty("organisationId").GetGuid(),
            m => m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Order().ToArray());
        Assert.Equal(["facilitateur"], memberships[métropole]);
        Assert.Equal(["directeur", "facilitateur"], memberships[commune]);
    }

    [Fact]
    public async Task Development_mints_tokens_for_demo_users_only()
    {
        var client = _api.CreateClient();
        var users = await client.GetFromJsonAsync<JsonElement>("/dev/users");
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString() == "marie.dupont@metropole-demo.fr");

        var ok = await client.PostAsJsonAsync("/dev/token", new { email = "marie.dupont@metropole-demo.fr" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.StartsWith("eyJ", (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString(), StringComparison.Ordinal);

        var unknown = await client.PostAsJsonAsync("/dev/token", new { email = "pirate@exemple.fr" });
        var problem = await ProblemAssert.IsProblem(unknown, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "email"));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await _api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/contracts", out _));
        Assert.True(paths.TryGetProperty("/api/contracts/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/organisations", out _));
    }

    [Fact]
    public async Task An_unknown_route_gets_a_french_404_problem()
    {
        var user = await _data.UserAsync("quelquun@exemple.fr");
        var response = await _api.ClientFor(user).GetAsync(new Uri("/api/nimporte-quoi", UriKind.Relative));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
        Assert.Equal("Ressource introuvable", problem.GetProperty("title").GetString());
    }
}

/// <summary>In Production the development sign-in does not exist, and Entra ID settings are required.</summary>
public sealed class ProductionSignInTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db, "Production", new Dictionary<string, string?>
    {
        ["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000001",
        ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000002",
    });

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_development_token_routes_do_not_exist()
    {
        var client = _api.CreateClient();
        var routes = _api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText ?? "").ToList();
        Assert.Contains(routes, r => r.StartsWith("/api/contracts", StringComparison.Ordinal));
        Assert.DoesNotContain(routes, r => r.StartsWith("/dev", StringComparison.Ordinal));
        // Anonymous callers get no token, only the sign-in challenge.
        var response = await client.PostAsJsonAsync("/dev/token", new { email = "marie.dupont@metropole-demo.fr" });
        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_requires_sign_in_and_health_does_not()
    {
        var client = _api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }
}
