using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Contracts;

public sealed class LotsApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private Guid _org, _otherOrg;
    private TestUser _buyer = null!, _director = null!, _outsider = null!;

    public async Task InitializeAsync()
    {
        _org = await _data.OrganisationAsync("Bailleur test", "bailleur_social");
        _otherOrg = await _data.OrganisationAsync("Autre bailleur", "bailleur_social");
        _buyer = await _data.UserAsync("acheteur.lots@exemple.fr", false, (_org, "acheteur"));
        _director = await _data.UserAsync("directeur.lots@exemple.fr", false, (_org, "directeur"));
        _outsider = await _data.UserAsync("acheteur.autre@exemple.fr", false, (_otherOrg, "acheteur"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static object Lot(int number, decimal amount, string title = "Peinture intérieure") =>
        new { number, title, trade = "peinture_interieure", cpvCode = "45442100-8", amountHt = amount };

    [Fact]
    public async Task A_buyer_adds_lots_and_reads_them_with_the_contract()
    {
        var contract = await _data.ContractAsync(_org, "L-001", 1_000_000m);
        var client = _api.ClientFor(_buyer);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(1, 600_000m))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(2, 400_000m, "Menuiseries"))).StatusCode);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}");
        Assert.Equal([1, 2], detail.GetProperty("lots").EnumerateArray().Select(l => l.GetProperty("number").GetInt32()));
        Assert.Equal(2, detail.GetProperty("contract").GetProperty("lotCount").GetInt32());
        Assert.False(detail.GetProperty("contract").GetProperty("analysed").GetBoolean());
    }

    [Fact]
    public async Task Lots_may_not_add_up_to_more_than_the_contract()
    {
        var contract = await _data.ContractAsync(_org, "L-002", 100_000m);
        var client = _api.ClientFor(_buyer);
        await client.PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(1, 80_000m));
        var response = await client.PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(2, 30_000m));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("dépasse", ProblemAssert.FieldErrors(problem, "lots")[0], StringComparison.Ordinal);
        Assert.Equal(1, await _data.ScalarAsync<long>("SELECT count(*) FROM lots WHERE contract_id = @contract", new { contract }));
    }

    [Fact]
    public async Task Two_lots_may_not_share_a_number()
    {
        var contract = await _data.ContractAsync(_org, "L-003");
        var client = _api.ClientFor(_buyer);
        await client.PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(1, 10m));
        var problem = await ProblemAssert.IsProblem(await client.PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(1, 10m)), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "number"));
    }

    [Fact]
    public async Task Lot_update_honours_the_etag()
    {
        var contract = await _data.ContractAsync(_org, "L-004");
        var client = _api.ClientFor(_buyer);
        var created = await client.PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(1, 10_000m));
        var put = new HttpRequestMessage(HttpMethod.Put, created.Headers.Location) { Content = JsonContent.Create(Lot(1, 20_000m, "Peinture et revêtements")) };
        put.Headers.IfMatch.Add(new(created.Headers.ETag!.Tag));
        var updated = await client.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Put, created.Headers.Location) { Content = JsonContent.Create(Lot(1, 5m)) };
        stale.Headers.IfMatch.Add(new(created.Headers.ETag!.Tag));
        await ProblemAssert.IsProblem(await client.SendAsync(stale), HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Directors_cannot_change_lots_and_outsiders_cannot_see_them()
    {
        var contract = await _data.ContractAsync(_org, "L-005");
        await ProblemAssert.IsProblem(
            await _api.ClientFor(_director).PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(1, 10m)), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(
            await _api.ClientFor(_outsider).GetAsync(new Uri($"/api/contracts/{contract}/lots", UriKind.Relative)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(
            await _api.ClientFor(_outsider).PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(1, 10m)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lowering_a_contract_below_its_lots_is_refused()
    {
        var contract = await _data.ContractAsync(_org, "L-006", 500_000m);
        var client = _api.ClientFor(_buyer);
        await client.PostAsJsonAsync($"/api/contracts/{contract}/lots", Lot(1, 400_000m));
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/contracts/{contract}")
        {
            Content = JsonContent.Create(new { reference = "L-006", title = "Marché de test", kind = "marche", category = "travaux", amountHt = 100_000m }),
        };
        put.Headers.IfMatch.Add(new("\"1\""));
        var problem = await ProblemAssert.IsProblem(await client.SendAsync(put), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "lots"));
    }
}
