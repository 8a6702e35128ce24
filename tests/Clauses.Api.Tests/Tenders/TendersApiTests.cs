using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Tenders;

public sealed class TendersApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private Guid _org, _lot, _contract, _aci, _esat, _farAci;
    private TestUser _buyer = null!, _siaeUser = null!;

    public async Task InitializeAsync()
    {
        _org = await _data.OrganisationAsync("Métropole réservée", "metropole");
        _buyer = await _data.UserAsync($"acheteur.{Guid.NewGuid():N}@exemple.fr", false, (_org, "acheteur"));
        _contract = await _data.ContractAsync(_org, "R-" + Guid.NewGuid().ToString("N")[..6], 300_000m, "Entretien des espaces verts");
        _lot = await _data.LotAsync(_org, _contract, 4, 120_000m);
        await _data.ScalarAsync<int>("""
            INSERT INTO relevance_analyses (organisation_id, lot_id, outcome, instruments) VALUES (@_org, @_lot, 'pertinent', '{reserve_l2113_13}') RETURNING 1
            """, new { _org, _lot });
        var account = await _data.OrganisationAsync("Jardins de Cocagne (compte)", "siae");
        _siaeUser = await _data.UserAsync($"siae.{Guid.NewGuid():N}@exemple.fr", false, (account, "siae"));
        _aci = await SiaeAsync("Jardins de Cocagne", "ACI", "espaces_verts", "69", account);
        _esat = await SiaeAsync("ESAT des Monts", "ESAT", "espaces_verts", "69", null);       // wrong kind for L2113-13
        _farAci = await SiaeAsync("Chantier du Sud", "ACI", "espaces_verts", "13", null);     // another territory
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task<Guid> SiaeAsync(string name, string kind, string sector, string departement, Guid? account) => _data.ScalarAsync<Guid>("""
        INSERT INTO siae (siret, name, kind, sectors, departements, contact_email, source, account_organisation_id)
        VALUES (lpad((floor(random() * 1e13))::bigint::text, 14, '0'), @name, @kind, ARRAY[@sector], ARRAY[@departement], 'contact@' || lower(@kind) || '.exemple.fr', 'saisie', @account)
        RETURNING id
        """, new { name, kind, sector, departement, account });

    private static object Draft(int days = 30) => new
    {
        title = "Entretien des espaces verts – lot 4 réservé aux SIAE", summary = "Tonte et désherbage manuel du parc de la Feyssine.",
        sectors = new[] { "espaces_verts" }, departements = new[] { "69" }, deadlineAt = DateTimeOffset.UtcNow.AddDays(days),
        documentsUrl = "https://marches.exemple.fr/consultation/42",
    };

    private async Task<Guid> PublishedAsync()
    {
        var client = _api.ClientFor(_buyer);
        var created = await client.PostAsJsonAsync($"/api/lots/{_lot}/tenders", Draft());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri($"/api/tenders/{id}/publish", UriKind.Relative), null)).StatusCode);
        return id;
    }

    private Task<long> MailsAsync(Guid tender) =>
        _data.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE dedup_key LIKE 'tender:' || @tender || ':%'", new { tender = tender.ToString() });

    [Fact]
    public async Task Publishing_alerts_each_matching_siae_once_even_when_published_twice()
    {
        var id = await PublishedAsync();
        Assert.Equal(1L, await MailsAsync(id));
        var payload = await _data.ScalarAsync<string>("SELECT payload::text FROM outbox WHERE dedup_key = @key", new { key = $"tender:{id}:siae:{_aci}" });
        Assert.Contains("Marché réservé", payload, StringComparison.Ordinal);
        Assert.Contains("contact@aci.exemple.fr", payload, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _api.ClientFor(_buyer).PostAsync(new Uri($"/api/tenders/{id}/publish", UriKind.Relative), null)).StatusCode);
        Assert.Equal(1L, await MailsAsync(id));
    }

    [Fact]
    public async Task A_lot_without_a_recorded_reservation_cannot_become_a_tender()
    {
        var other = await _data.LotAsync(_org, _contract, 5, 10_000m);
        var response = await _api.ClientFor(_buyer).PostAsJsonAsync($"/api/lots/{other}/tenders", Draft());
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "reservation"));
    }

    [Fact]
    public async Task Publication_needs_at_least_a_day_to_answer()
    {
        var client = _api.ClientFor(_buyer);
        var created = await client.PostAsJsonAsync($"/api/lots/{_lot}/tenders", new
        {
            title = "Lot réservé urgent", sectors = Array.Empty<string>(), departements = Array.Empty<string>(), deadlineAt = DateTimeOffset.UtcNow.AddHours(5),
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var problem = await ProblemAssert.IsProblem(await client.PostAsync(new Uri($"/api/tenders/{id}/publish", UriKind.Relative), null), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "deadlineAt"));
        Assert.Equal(0L, await MailsAsync(id));
    }

    [Fact]
    public async Task An_siae_sees_fitting_tenders_first_and_its_interest_reaches_the_buyer()
    {
        var id = await PublishedAsync();
        var siae = _api.ClientFor(_siaeUser);
        var list = await siae.GetFromJsonAsync<JsonElement>("/api/siae-tenders");
        var matches = list.EnumerateArray().Select(v => (Id: v.GetProperty("tender").GetProperty("id").GetGuid(), Match: v.GetProperty("match").GetInt32())).ToList();
        Assert.Equal(4, matches.Single(m => m.Id == id).Match);
        Assert.Equal(matches.Select(m => m.Match).OrderDescending(), matches.Select(m => m.Match));   // fitting tenders first

        var answered = await siae.PostAsJsonAsync($"/api/tenders/{id}/interest", new { interested = true, message = "Équipe de 6 disponible dès avril." });
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        var interests = await _api.ClientFor(_buyer).GetFromJsonAsync<JsonElement>($"/api/tenders/{id}/interests");
        var interest = interests.EnumerateArray().Single();
        Assert.Equal("Jardins de Cocagne", interest.GetProperty("siaeName").GetString());
        Assert.True(interest.GetProperty("interested").GetBoolean());

        // The SIAE cannot see the buyer's list of interests, nor act as a buyer.
        await ProblemAssert.IsProblem(await siae.GetAsync(new Uri($"/api/tenders/{id}/interests", UriKind.Relative)), HttpStatusCode.NotFound);
        var notSiae = await _api.ClientFor(_buyer).PostAsJsonAsync($"/api/tenders/{id}/interest", new { interested = true });
        await ProblemAssert.IsProblem(notSiae, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Awarding_follows_the_statuses_and_records_the_partnership()
    {
        var id = await PublishedAsync();
        var client = _api.ClientFor(_buyer);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync($"/api/tenders/{id}/award", new { siaeId = _aci }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri($"/api/tenders/{id}/close", UriKind.Relative), null)).StatusCode);
        var wrongKind = await client.PostAsJsonAsync($"/api/tenders/{id}/award", new { siaeId = _esat });
        Assert.NotEmpty(ProblemAssert.FieldErrors(await ProblemAssert.IsProblem(wrongKind, HttpStatusCode.BadRequest), "siaeId"));

        var awarded = await client.PostAsJsonAsync($"/api/tenders/{id}/award", new { siaeId = _aci, amountHt = 115_000m });
        Assert.Equal(HttpStatusCode.OK, awarded.StatusCode);
        Assert.Equal("attribue", (await awarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var partnerships = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{_contract}/partnerships");
        var partnership = partnerships.EnumerateArray().Single(p => p.GetProperty("tenderId").GetGuid() == id);
        Assert.Equal("attribution", partnership.GetProperty("kind").GetString());
        Assert.Equal(115_000m, partnership.GetProperty("amountHt").GetDecimal());

        await ProblemAssert.IsProblem(await client.PostAsync(new Uri($"/api/tenders/{id}/publish", UriKind.Relative), null), HttpStatusCode.Conflict);
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE dedup_key = @key", new { key = $"tender:{id}:siae:{_farAci}" }));
    }

    [Fact]
    public async Task Subcontracting_with_an_siae_is_recorded_against_a_contractor()
    {
        var company = await _data.ScalarAsync<Guid>("INSERT INTO companies (siret, name) VALUES ('73282932000074', 'SAS Paysages du Rhône') ON CONFLICT (siret) DO UPDATE SET name = excluded.name RETURNING id");
        var client = _api.ClientFor(_buyer);
        var bad = await client.PostAsJsonAsync($"/api/contracts/{_contract}/partnerships", new { siaeId = _aci, kind = "attribution" });
        await ProblemAssert.IsProblem(bad, HttpStatusCode.BadRequest);
        var created = await client.PostAsJsonAsync($"/api/contracts/{_contract}/partnerships",
            new { siaeId = _aci, contractorCompanyId = company, lotId = _lot, kind = "sous_traitance", amountHt = 24_000m, startsOn = "2026-03-01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("SAS Paysages du Rhône", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contractorName").GetString());
    }

    [Fact]
    public async Task An_answer_after_the_deadline_is_refused()
    {
        var id = await PublishedAsync();
        await _data.ScalarAsync<int>("UPDATE tenders SET deadline_at = now() - interval '1 hour' WHERE id = @id RETURNING 1", new { id });
        var late = await _api.ClientFor(_siaeUser).PostAsJsonAsync($"/api/tenders/{id}/interest", new { interested = true });
        await ProblemAssert.IsProblem(late, HttpStatusCode.Conflict);
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM tender_interests WHERE tender_id = @id", new { id }));
    }
}
