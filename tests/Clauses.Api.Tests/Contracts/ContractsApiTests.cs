using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Contracts;

public sealed class ContractsApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private Guid _orgA, _orgB;
    private TestUser _buyerA = null!, _buyerB = null!, _facilitatorA = null!, _directorA = null!;

    public async Task InitializeAsync()
    {
        _orgA = await _data.OrganisationAsync("Ville A");
        _orgB = await _data.OrganisationAsync("Ville B");
        _buyerA = await _data.UserAsync("acheteur.a@exemple.fr", false, (_orgA, "acheteur"));
        _buyerB = await _data.UserAsync("acheteur.b@exemple.fr", false, (_orgB, "acheteur"));
        _facilitatorA = await _data.UserAsync("facilitateur.a@exemple.fr", false, (_orgA, "facilitateur"));
        _directorA = await _data.UserAsync("directeur.a@exemple.fr", false, (_orgA, "directeur"));
        for (var i = 1; i <= 3; i++) await _data.ContractAsync(_orgA, $"A-{i:000}", title: $"Réhabilitation école {i}");
        await _data.ContractAsync(_orgB, "B-001", title: "Marché secret de B");
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static object NewContract(string reference, object? organisationId = null, decimal amount = 250_000m) => new
    {
        organisationId,
        reference,
        title = "Entretien des espaces verts du secteur Nord",
        kind = "marche",
        category = "services",
        cpvCode = "77310000-6",
        amountHt = amount,
        startsOn = "2026-01-01",
        endsOn = "2029-12-31",
    };

    [Fact]
    public async Task A_buyer_lists_only_their_organisations_contracts()
    {
        var page = await _api.ClientFor(_buyerA).GetFromJsonAsync<JsonElement>("/api/contracts?pageSize=200");
        var orgs = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("organisationId").GetGuid()).Distinct().ToList();
        Assert.Equal([_orgA], orgs);
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), c => c.GetProperty("reference").GetString() == "B-001");
    }

    [Fact]
    public async Task Listing_filters_and_pages()
    {
        var client = _api.ClientFor(_buyerA);
        var page1 = await client.GetFromJsonAsync<JsonElement>("/api/contracts?search=école&pageSize=2&page=1");
        var page2 = await client.GetFromJsonAsync<JsonElement>("/api/contracts?search=école&pageSize=2&page=2");
        Assert.Equal(3, page1.GetProperty("total").GetInt64());
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        var none = await client.GetFromJsonAsync<JsonElement>("/api/contracts?status=termine");
        Assert.Equal(0, none.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Asking_for_another_organisations_contracts_is_forbidden()
    {
        var response = await _api.ClientFor(_buyerA).GetAsync(new Uri($"/api/contracts?organisationId={_orgB}", UriKind.Relative));
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Reading_another_organisations_contract_is_not_found()
    {
        var idB = await _data.ScalarAsync<Guid>("SELECT id FROM contracts WHERE reference = 'B-001'");
        var response = await _api.ClientFor(_buyerA).GetAsync(new Uri($"/api/contracts/{idB}", UriKind.Relative));
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_buyer_creates_then_reads_a_contract_with_its_etag()
    {
        var client = _api.ClientFor(_buyerA);
        var created = await client.PostAsJsonAsync("/api/contracts", NewContract("2026-SRV-001"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(_orgA, body.GetProperty("organisationId").GetGuid());   // the buyer's only organisation
        Assert.Equal(250_000m, body.GetProperty("amountHt").GetDecimal());
        Assert.Equal("en_preparation", body.GetProperty("status").GetString());

        var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var detail = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-SRV-001", detail.GetProperty("contract").GetProperty("reference").GetString());
        Assert.Equal(0, detail.GetProperty("lots").GetArrayLength());
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_a_stale_one_gets_412()
    {
        var client = _api.ClientFor(_buyerA);
        var created = await client.PostAsJsonAsync("/api/contracts", NewContract("2026-SRV-002"));
        var location = created.Headers.Location!;

        var first = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(NewContract("2026-SRV-002", amount: 300_000m)) };
        first.Headers.IfMatch.Add(new("\"1\""));
        var updated = await client.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);

        // A second editor who read version 1 must not silently overwrite version 2.
        var stale = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(NewContract("2026-SRV-002", amount: 1m)) };
        stale.Headers.IfMatch.Add(new("\"1\""));
        await ProblemAssert.IsProblem(await client.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        var current = await client.GetFromJsonAsync<JsonElement>(location.ToString());
        Assert.Equal(300_000m, current.GetProperty("contract").GetProperty("amountHt").GetDecimal());
    }

    [Fact]
    public async Task Update_without_if_match_gets_428()
    {
        var client = _api.ClientFor(_buyerA);
        var created = await client.PostAsJsonAsync("/api/contracts", NewContract("2026-SRV-003"));
        var response = await client.PutAsJsonAsync(created.Headers.Location, NewContract("2026-SRV-003"));
        await ProblemAssert.IsProblem(response, (HttpStatusCode)428);
    }

    [Fact]
    public async Task Facilitators_and_directors_read_but_cannot_write()
    {
        foreach (var user in new[] { _facilitatorA, _directorA })
        {
            var client = _api.ClientFor(user);
            var list = await client.GetFromJsonAsync<JsonElement>("/api/contracts");
            Assert.True(list.GetProperty("total").GetInt64() >= 3);
            var response = await client.PostAsJsonAsync("/api/contracts", NewContract("INTERDIT-" + user.Email[..3], _orgA));
            await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_buyer_cannot_create_in_another_organisation()
    {
        var response = await _api.ClientFor(_buyerB).PostAsJsonAsync("/api/contracts", NewContract("X-1", _orgA));
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
        Assert.Equal(0, await _data.ScalarAsync<long>("SELECT count(*) FROM contracts WHERE reference = 'X-1'"));
    }

    [Fact]
    public async Task A_buyer_cannot_update_another_organisations_contract()
    {
        var idB = await _data.ScalarAsync<Guid>("SELECT id FROM contracts WHERE reference = 'B-001'");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/contracts/{idB}") { Content = JsonContent.Create(NewContract("B-001")) };
        request.Headers.IfMatch.Add(new("\"1\""));
        await ProblemAssert.IsProblem(await _api.ClientFor(_buyerA).SendAsync(request), HttpStatusCode.NotFound);
        Assert.Equal("Marché secret de B", await _data.ScalarAsync<string>("SELECT title FROM contracts WHERE id = @idB", new { idB }));
    }

    [Fact]
    public async Task Invalid_fields_get_french_messages_per_field_and_nothing_is_stored()
    {
        var response = await _api.ClientFor(_buyerA).PostAsJsonAsync("/api/contracts", new
        {
            reference = "",
            title = "Titre",
            kind = "bail",
            category = "services",
            cpvCode = "4544",
            amountHt = -5m,
            startsOn = "2026-06-01",
            endsOn = "2026-01-01",
        });
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal("La requête contient des erreurs", problem.GetProperty("title").GetString());
        Assert.Contains("obligatoire", ProblemAssert.FieldErrors(problem, "reference")[0], StringComparison.Ordinal);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "kind"));
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "cpvCode"));
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "amountHt"));
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "endsOn"));
        Assert.Equal(0, await _data.ScalarAsync<long>("SELECT count(*) FROM contracts WHERE title = 'Titre'"));
    }

    [Fact]
    public async Task A_duplicate_reference_is_a_validation_error()
    {
        var response = await _api.ClientFor(_buyerA).PostAsJsonAsync("/api/contracts", NewContract("A-001"));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("A-001", ProblemAssert.FieldErrors(problem, "reference")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ pas du json", "json-invalide")]
    [InlineData("{\"reference\": \"R\", \"amountHt\": \"beaucoup\"}", "json-invalide")]
    [InlineData("[1, 2, 3]", "json-invalide")]
    [InlineData("", "corps-manquant")]
    public async Task Unreadable_bodies_get_a_french_400(string body, string slug)
    {
        var response = await _api.ClientFor(_buyerA).PostAsync(new Uri("/api/contracts", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal("urn:clauses:problem:" + slug, problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var response = await _api.ClientFor(_buyerA).PostAsync(new Uri("/api/contracts", UriKind.Relative),
            new StringContent("reference=R", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await ProblemAssert.IsProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_malformed_query_parameter_gets_a_french_400()
    {
        var response = await _api.ClientFor(_buyerA).GetAsync(new Uri("/api/contracts?page=deux", UriKind.Relative));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("page", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
