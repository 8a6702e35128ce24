using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Spar;

public sealed class SparTargetsApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private Guid _org;
    private TestUser _director = null!, _buyer = null!, _outsider = null!;

    public async Task InitializeAsync()
    {
        _org = await _data.OrganisationAsync("Métropole SPAR", "metropole");
        _director = await _data.UserAsync($"directeur.{Guid.NewGuid():N}@exemple.fr", false, (_org, "directeur"));
        _buyer = await _data.UserAsync($"acheteur.{Guid.NewGuid():N}@exemple.fr", false, (_org, "acheteur"));
        _outsider = await _data.UserAsync($"autre.{Guid.NewGuid():N}@exemple.fr", false, (await _data.OrganisationAsync("Autre"), "directeur"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_director_sets_and_changes_a_target_in_the_indicators_unit()
    {
        var client = _api.ClientFor(_director);
        var first = await client.PutAsJsonAsync($"/api/organisations/{_org}/spar-targets/2026/part_contrats_consideration_sociale", new { targetValue = 30m });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await (await client.PutAsJsonAsync($"/api/organisations/{_org}/spar-targets/2026/part_contrats_consideration_sociale",
            new { targetValue = 35m })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(35m, second.GetProperty("targetValue").GetDecimal());
        Assert.Equal("pourcentage", second.GetProperty("unit").GetString());
        var list = await _api.ClientFor(_buyer).GetFromJsonAsync<JsonElement>($"/api/organisations/{_org}/spar-targets?year=2026");
        Assert.Single(list.EnumerateArray());
    }

    [Theory]
    [InlineData("part_femmes", 2026, 120)]        // a percentage above 100
    [InlineData("heures_magiques", 2026, 10)]     // unknown indicator
    [InlineData("heures_insertion", 1990, 10)]    // year out of range
    public async Task Impossible_targets_are_refused_in_french(string indicator, int year, decimal value)
    {
        var response = await _api.ClientFor(_director).PutAsJsonAsync($"/api/organisations/{_org}/spar-targets/{year}/{indicator}", new { targetValue = value });
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Buyers_read_targets_but_do_not_set_them_and_outsiders_do_not_see_them()
    {
        await ProblemAssert.IsProblem(await _api.ClientFor(_buyer).PutAsJsonAsync($"/api/organisations/{_org}/spar-targets/2026/heures_insertion",
            new { targetValue = 10_000m }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await _api.ClientFor(_outsider).GetAsync(new Uri($"/api/organisations/{_org}/spar-targets", UriKind.Relative)),
            HttpStatusCode.NotFound);
    }
}
