using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Sizing;

public sealed class SizingApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private HttpClient _client = null!;
    private Guid _org;

    public async Task InitializeAsync()
    {
        _org = await _data.OrganisationAsync("Ville dimensionnement");
        _client = _api.ClientFor(await _data.UserAsync("acheteur.dim@exemple.fr", false, (_org, "acheteur")));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData(1_000_000, 0.50, 0.05, 30, 833)]
    [InlineData(1_500_000, 0.70, 0.10, 30, 3500)]
    [InlineData(5_000_000, 0.45, 0.07, 35, 4500)]
    public async Task The_preview_gives_the_worked_examples(decimal amount, decimal share, decimal rate, decimal cost, decimal hours)
    {
        var json = await (await _client.PostAsJsonAsync("/api/sizing/preview", new
        {
            amountHt = amount, labourShare = share, labourShareSource = "table_sourcee", insertionRate = rate, hourlyCost = cost,
            sizingMode = "heures_fixes", roundingMode = "demi_superieur", allowedModalities = new[] { "embauche_directe", "interim_etti" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(hours, json.GetProperty("targetHours").GetDecimal());
        Assert.Contains("÷", json.GetProperty("formula").GetString(), StringComparison.Ordinal);
        Assert.Empty(json.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Incomplete_input_is_answered_with_errors_and_warnings_not_a_failure()
    {
        var response = await _client.PostAsJsonAsync("/api/sizing/preview", new
        {
            amountHt = 200_000, labourShare = 0.5, labourShareSource = "table_a_valider", insertionRate = 0.25,
            allowedModalities = new[] { "embauche_directe" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.GetProperty("errors").TryGetProperty("hourlyCost", out _));
        var warnings = json.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.Contains("taux_hors_plage", warnings);
        Assert.Contains("part_mo_a_valider", warnings);
        Assert.Contains("modalite_unique", warnings);
    }

    [Fact]
    public async Task The_preview_needs_a_signed_in_user()
    {
        var response = await _api.CreateClient().PostAsJsonAsync("/api/sizing/preview", new { amountHt = 1 });
        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_labour_share_table_marks_sourced_values_and_applies_the_organisations_own()
    {
        var table = await _client.GetFromJsonAsync<JsonElement>($"/api/labour-shares?organisationId={_org}");
        var painting = table.EnumerateArray().Single(e => e.GetProperty("trade").GetString() == "peinture_interieure");
        Assert.Equal(0.70m, painting.GetProperty("share").GetDecimal());
        Assert.Equal("table_sourcee", painting.GetProperty("source").GetString());
        Assert.Contains(table.EnumerateArray(), e => e.GetProperty("source").GetString() == "table_a_valider");

        var put = await _client.PutAsJsonAsync($"/api/organisations/{_org}/labour-shares/nettoyage", new { share = 0.9m, reference = "Étude locale 2025" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await _client.GetFromJsonAsync<JsonElement>($"/api/labour-shares?organisationId={_org}");
        var cleaning = after.EnumerateArray().Single(e => e.GetProperty("trade").GetString() == "nettoyage");
        Assert.Equal(0.9m, cleaning.GetProperty("share").GetDecimal());
        Assert.Equal("organisation", cleaning.GetProperty("source").GetString());

        var bad = await _client.PutAsJsonAsync($"/api/organisations/{_org}/labour-shares/nettoyage", new { share = 1.5m });
        await ProblemAssert.IsProblem(bad, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_reference_lists_every_instrument_with_its_article_and_an_explanation()
    {
        var reference = await _client.GetFromJsonAsync<JsonElement>("/api/reference");
        var instruments = reference.GetProperty("instruments").EnumerateArray().ToList();
        Assert.Equal(8, instruments.Count);
        Assert.All(instruments, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("legalBasis").GetString()));
            Assert.True(i.GetProperty("explanation").GetString()!.Length > 40);
        });
        Assert.Contains(reference.GetProperty("presets").EnumerateArray(), p => p.GetProperty("code").GetString() == "anru_npnru");
    }
}
