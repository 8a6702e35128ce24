using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Relevance;

public sealed class RelevanceApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private Guid _org;
    private TestUser _buyer = null!, _director = null!;

    public async Task InitializeAsync()
    {
        _org = await _data.OrganisationAsync("Commune pertinence");
        _buyer = await _data.UserAsync("acheteur.pert@exemple.fr", false, (_org, "acheteur"));
        _director = await _data.UserAsync("directeur.pert@exemple.fr", false, (_org, "directeur"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<(Guid Contract, Guid Lot1, Guid Lot2)> ContractWithTwoLotsAsync(string reference, decimal amount = 1_000_000m, string? launchedOn = null)
    {
        var contract = await _data.ContractAsync(_org, reference, amount);
        if (launchedOn is not null)
            await _data.ScalarAsync<int>("UPDATE contracts SET launched_on = @d::date WHERE id = @contract RETURNING 1", new { d = launchedOn, contract });
        return (contract, await _data.LotAsync(_org, contract, 1, amount / 2), await _data.LotAsync(_org, contract, 2, amount / 2));
    }

    [Fact]
    public async Task A_contract_is_analysed_once_every_lot_has_an_outcome()
    {
        var (contract, lot1, lot2) = await ContractWithTwoLotsAsync("P-001");
        var client = _api.ClientFor(_buyer);

        var first = await client.PutAsJsonAsync($"/api/lots/{lot1}/relevance", new { outcome = "pertinent", instruments = new[] { "clause_execution" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var halfway = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/relevance");
        Assert.False(halfway.GetProperty("analysed").GetBoolean());
        Assert.Equal(1, halfway.GetProperty("analysedLotCount").GetInt32());

        await client.PutAsJsonAsync($"/api/lots/{lot2}/relevance", new { outcome = "non_pertinent", reason = "main_oeuvre_faible" });
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/relevance");
        Assert.True(done.GetProperty("analysed").GetBoolean());
        var lot = done.GetProperty("lots").EnumerateArray().First();
        Assert.Equal("acheteur.pert@exemple.fr", lot.GetProperty("analysedBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, lot.GetProperty("analysedAt").ValueKind);
    }

    [Fact]
    public async Task Changing_an_analysis_needs_the_version_read()
    {
        var (_, lot1, _) = await ContractWithTwoLotsAsync("P-002");
        var client = _api.ClientFor(_buyer);
        var created = await client.PutAsJsonAsync($"/api/lots/{lot1}/relevance", new { outcome = "pertinent", instruments = new[] { "clause_execution" } });
        var etag = created.Headers.ETag!.Tag;

        await ProblemAssert.IsProblem(await client.PutAsJsonAsync($"/api/lots/{lot1}/relevance",
            new { outcome = "non_pertinent", reason = "urgence" }), (HttpStatusCode)428);

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/lots/{lot1}/relevance")
        { Content = JsonContent.Create(new { outcome = "pertinent", instruments = new[] { "clause_execution", "critere_attribution" } }) };
        update.Headers.IfMatch.Add(new(etag));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(update)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/lots/{lot1}/relevance")
        { Content = JsonContent.Create(new { outcome = "non_pertinent", reason = "urgence" }) };
        stale.Headers.IfMatch.Add(new(etag));
        await ProblemAssert.IsProblem(await client.SendAsync(stale), HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("pertinent", null, null)]                               // no instrument
    [InlineData("non_pertinent", null, null)]                           // no reason
    [InlineData("non_pertinent", "autre", null)]                        // "autre" without a comment
    [InlineData("peut-être", null, null)]                               // unknown outcome
    public async Task Incomplete_outcomes_are_refused_in_french(string outcome, string? reason, string? comment)
    {
        var (_, lot1, _) = await ContractWithTwoLotsAsync("P-1" + Guid.NewGuid().ToString("N")[..6]);
        var response = await _api.ClientFor(_buyer).PutAsJsonAsync($"/api/lots/{lot1}/relevance", new { outcome, reason, comment });
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await _data.ScalarAsync<long>("SELECT count(*) FROM relevance_analyses WHERE lot_id = @lot1", new { lot1 }));
    }

    [Fact]
    public async Task Forbidden_reservation_combinations_are_refused()
    {
        var (_, lot1, _) = await ContractWithTwoLotsAsync("P-003");
        var response = await _api.ClientFor(_buyer).PutAsJsonAsync($"/api/lots/{lot1}/relevance",
            new { outcome = "pertinent", instruments = new[] { "reserve_l2113_13_1", "reserve_l2113_13" } });
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "instruments"));
    }

    [Fact]
    public async Task Above_the_eu_threshold_after_august_2026_loi_climat_needs_a_condition_or_an_exception()
    {
        var (contract, lot1, _) = await ContractWithTwoLotsAsync("P-004", 8_000_000m, "2026-09-15");
        var client = _api.ClientFor(_buyer);
        var relevance = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/relevance");
        Assert.True(relevance.GetProperty("loiClimat").GetProperty("applies").GetBoolean());

        var refused = await client.PutAsJsonAsync($"/api/lots/{lot1}/relevance", new { outcome = "non_pertinent", reason = "urgence" });
        var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "loiClimatException"));

        var excepted = await client.PutAsJsonAsync($"/api/lots/{lot1}/relevance",
            new { outcome = "non_pertinent", reason = "urgence", loiClimatException = "solution_immediatement_disponible" });
        Assert.Equal(HttpStatusCode.OK, excepted.StatusCode);
    }

    [Fact]
    public async Task Directors_read_the_analysis_but_cannot_record_it()
    {
        var (contract, lot1, _) = await ContractWithTwoLotsAsync("P-005");
        var client = _api.ClientFor(_director);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/contracts/{contract}/relevance", UriKind.Relative))).StatusCode);
        await ProblemAssert.IsProblem(await client.PutAsJsonAsync($"/api/lots/{lot1}/relevance",
            new { outcome = "pertinent", instruments = new[] { "clause_execution" } }), HttpStatusCode.Forbidden);
    }
}
