using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Organisations;

public sealed class OrganisationsApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private Guid _métropole, _commune, _hôpital;
    private TestUser _facilitator = null!, _admin = null!, _platformAdmin = null!, _buyer = null!;

    public async Task InitializeAsync()
    {
        _métropole = await _data.OrganisationAsync("Métropole O", "metropole");
        _commune = await _data.OrganisationAsync("Commune O");
        _hôpital = await _data.OrganisationAsync("Hôpital O", "hopital");
        _facilitator = await _data.UserAsync("guichet@exemple.fr", false, (_métropole, "facilitateur"), (_commune, "facilitateur"));
        _admin = await _data.UserAsync("admin.commune@exemple.fr", false, (_commune, "admin"));
        _buyer = await _data.UserAsync("acheteur.commune@exemple.fr", false, (_commune, "acheteur"));
        _platformAdmin = await _data.UserAsync("exploitant@exemple.fr", true);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_facilitator_serving_two_organisations_lists_exactly_those()
    {
        var page = await _api.ClientFor(_facilitator).GetFromJsonAsync<JsonElement>("/api/organisations");
        var ids = page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Equal(new HashSet<Guid> { _métropole, _commune }, ids);
    }

    [Fact]
    public async Task Reading_an_organisation_one_does_not_belong_to_is_not_found()
    {
        var response = await _api.ClientFor(_facilitator).GetAsync(new Uri($"/api/organisations/{_hôpital}", UriKind.Relative));
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_a_platform_administrator_creates_organisations()
    {
        var body = new { name = "Communauté de communes du Pilat", kind = "autre", siret = "732 829 320 00074", departement = "42" };
        await ProblemAssert.IsProblem(await _api.ClientFor(_admin).PostAsJsonAsync("/api/organisations", body), HttpStatusCode.Forbidden);

        var client = _api.ClientFor(_platformAdmin);
        var created = await client.PostAsJsonAsync("/api/organisations", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var org = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("73282932000074", org.GetProperty("siret").GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Contains(me.GetProperty("memberships").EnumerateArray(),
            m => m.GetProperty("organisationId").GetGuid() == org.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_invalid_siret_is_explained_in_french()
    {
        var response = await _api.ClientFor(_platformAdmin).PostAsJsonAsync("/api/organisations",
            new { name = "Ville X", kind = "commune", siret = "73282932000075" });
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("SIRET", ProblemAssert.FieldErrors(problem, "siret")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_admin_updates_it_with_the_etag_and_a_buyer_cannot()
    {
        var body = new { name = "Commune O (renommée)", kind = "commune", departement = "69", retentionMonths = 36 };
        var asBuyer = new HttpRequestMessage(HttpMethod.Put, $"/api/organisations/{_commune}") { Content = JsonContent.Create(body) };
        asBuyer.Headers.IfMatch.Add(new("\"1\""));
        await ProblemAssert.IsProblem(await _api.ClientFor(_buyer).SendAsync(asBuyer), HttpStatusCode.Forbidden);

        var client = _api.ClientFor(_admin);
        var read = await client.GetAsync(new Uri($"/api/organisations/{_commune}", UriKind.Relative));
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/organisations/{_commune}") { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(new(read.Headers.ETag!.Tag));
        var updated = await client.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var json = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(36, json.GetProperty("retentionMonths").GetInt32());

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/organisations/{_commune}") { Content = JsonContent.Create(body) };
        stale.Headers.IfMatch.Add(new(read.Headers.ETag!.Tag));
        await ProblemAssert.IsProblem(await client.SendAsync(stale), HttpStatusCode.PreconditionFailed);
    }
}
