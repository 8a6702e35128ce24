using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clauses.Api.Auth;
using Clauses.Api.Demo;
using Clauses.Api.Pages.TableauDeBord;
using Dapper;
using Clauses.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clauses.Api.Tests.Pages;

/// <summary>
/// The SPAR dashboard pages on the demo data, read like a browser without JavaScript (cookie sign-in on /connexion): each
/// indicator tile shows the JSON API's display for the same user and year, the embedded data is that JSON, the tables under
/// the charts are there, the drill-down and the page's exports work, and only directors, admins and facilitators get in.
/// </summary>
public sealed partial class SparDashboardPagesTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const string Director = "julien.martin@metropole-demo.fr";
    private const string Facilitator = "sophie.bernard@plie-demo.fr";
    private const string Buyer = "marie.dupont@metropole-demo.fr";

    private readonly ApiFactory _api = new(db);
    private readonly int _year = DateTime.Today.Year;

    public async Task InitializeAsync()
    {
        var today = DateTime.UtcNow;
        await DemoSeeder.SeedAsync(db.OwnerConnectionString, new DateOnly(today.Year, today.Month, 1), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Each_indicator_tile_shows_the_display_of_the_json_for_the_same_user_and_year()
    {
        var json = await ApiAsync(Director, $"/api/spar/dashboard?year={_year}");
        var browser = await SignedInAsync(Director);

        var response = await browser.GetAsync(new Uri($"/tableau-de-bord?annee={_year}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tiles = KpiTile().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var kpis = json.GetProperty("kpis").EnumerateArray().ToList();
        Assert.Equal(17, kpis.Count);
        Assert.Equal(kpis.Select(k => k.GetProperty("code").GetString()), tiles.Keys);
        foreach (var k in kpis) Assert.Equal(k.GetProperty("display").GetString(), tiles[k.GetProperty("code").GetString()!]);
        Assert.True(kpis[0].GetProperty("value").GetDecimal() > 0, "the demo director's dashboard has no hours this year");

        // The charts' data is the API's JSON without the contract and clause lists (no chart draws them; the tables below
        // do); each chart has its table for readers without JavaScript.
        var embedded = JsonNode.Parse(SparData().Match(html).Groups[1].Value);
        var expected = JsonNode.Parse(json.GetRawText())!.AsObject();
        expected["contracts"] = new JsonArray();
        expected["clauses"] = new JsonArray();
        Assert.True(JsonNode.DeepEquals(expected, embedded));
        Assert.Contains("src=\"/addin/dashboard/dashboard.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(9, DataChart().Count(html));      // hours per month and eight breakdowns
        Assert.Contains(json.GetProperty("months")[0].GetProperty("label").GetString()!, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_row_opens_its_clauses_and_the_page_offers_both_exports()
    {
        var json = await ApiAsync(Director, $"/api/spar/dashboard?year={_year}");
        var browser = await SignedInAsync(Director);
        var html = await browser.GetStringAsync(new Uri($"/tableau-de-bord?annee={_year}", UriKind.Relative));

        var contract = json.GetProperty("contracts").EnumerateArray().First(c =>
            json.GetProperty("clauses").EnumerateArray().Any(k => k.GetProperty("contractId").GetGuid() == c.GetProperty("id").GetGuid()));
        var link = WebUtility.HtmlDecode(Regex.Match(html, $"href=\"(/tableau-de-bord/marche/{contract.GetProperty("id").GetGuid()}\\?[^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(link);
        var detail = await browser.GetAsync(new Uri(link, UriKind.Relative));
        var page = WebUtility.HtmlDecode(await detail.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains(contract.GetProperty("reference").GetString()!, page, StringComparison.Ordinal);
        var clauses = json.GetProperty("clauses").EnumerateArray().Where(k => k.GetProperty("contractId").GetGuid() == contract.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(clauses.Count, Regex.Count(page, "<span>Lot \\d+</span>"));

        foreach (var (handler, type) in new[] { ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("csv", "text/csv") })
        {
            var href = WebUtility.HtmlDecode(Regex.Match(html, $"href=\"(/tableau-de-bord\\?handler={handler}&amp;[^\"]+)\"").Groups[1].Value);
            var file = await browser.GetAsync(new Uri(href, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(type, file.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Long_tables_show_their_first_rows_and_a_link_to_all_of_them()
    {
        // 60 more contracts running this year, each with an hourly clause: more rows than a table shows at first.
        var organisation = (await ApiAsync(Director, $"/api/spar/dashboard?year={_year}")).GetProperty("organisationId").GetGuid();
        await using (var conn = new Npgsql.NpgsqlConnection(db.OwnerConnectionString))
        {
            await conn.ExecuteAsync("""
                WITH c AS (
                  INSERT INTO contracts (organisation_id, reference, title, kind, category, amount_ht, notified_on, starts_on, ends_on)
                  SELECT @organisation, 'LONG-' || n, 'Marché de la liste longue ' || n, 'marche', 'travaux', 500000,
                         make_date(@year, 1, 10), make_date(@year, 1, 15), make_date(@year + 1, 12, 31)
                    FROM generate_series(1, 60) n
                  RETURNING id),
                l AS (INSERT INTO lots (organisation_id, contract_id, number, title, amount_ht) SELECT @organisation, id, 1, 'Lot unique', 500000 FROM c RETURNING id)
                INSERT INTO clauses (organisation_id, lot_id, instrument, target_hours) SELECT @organisation, id, 'clause_execution', 700 FROM l
                """, new { organisation, year = _year });
        }
        var json = await ApiAsync(Director, $"/api/spar/dashboard?year={_year}");
        var (clauses, contracts) = (json.GetProperty("clauses").GetArrayLength(), json.GetProperty("contracts").GetArrayLength());
        Assert.True(clauses > DashboardPage.FirstRows && contracts > DashboardPage.FirstRows, $"{clauses} clauses, {contracts} contracts");
        var browser = await SignedInAsync(Director);

        var first = await (await browser.GetAsync(new Uri($"/tableau-de-bord?annee={_year}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains($"{DashboardPage.FirstRows} clauses affichées sur {clauses}", first, StringComparison.Ordinal);
        Assert.Contains($"{DashboardPage.FirstRows} marchés affichés sur {contracts}", first, StringComparison.Ordinal);
        Assert.Equal(2 * DashboardPage.FirstRows, TableRow().Count(first));

        var all = await (await browser.GetAsync(new Uri($"/tableau-de-bord?annee={_year}&tout=clauses", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("clauses affichées sur", all, StringComparison.Ordinal);
        Assert.Equal(clauses + DashboardPage.FirstRows, TableRow().Count(all));
    }

    [Fact]
    public async Task A_facilitator_picks_among_the_organisations_she_serves()
    {
        var organisations = await ApiAsync(Facilitator, "/api/spar/organisations");
        var browser = await SignedInAsync(Facilitator);

        var html = await browser.GetStringAsync(new Uri($"/tableau-de-bord?annee={_year}", UriKind.Relative));
        var options = Regex.Matches(Regex.Match(html, "<select id=\"organisation\"[\\s\\S]*?</select>").Value, "<option value=\"([^\"]+)\"[^>]*>([^<]+)</option>");

        Assert.Equal(3, options.Count);
        Assert.Equal(organisations.EnumerateArray().Select(o => o.GetProperty("name").GetString()), options.Select(o => WebUtility.HtmlDecode(o.Groups[2].Value)));
        foreach (var o in organisations.EnumerateArray())
        {
            var page = await browser.GetAsync(new Uri($"/tableau-de-bord?organisation={o.GetProperty("id").GetGuid()}&annee={_year}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains($"<strong>{o.GetProperty("name").GetString()}</strong>", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_buyer_is_refused_in_french_and_a_director_cannot_open_another_organisation()
    {
        var buyer = await SignedInAsync(Buyer);
        var refused = await buyer.GetAsync(new Uri("/tableau-de-bord", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("réservé aux directeurs, administrateurs et facilitateurs", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync(new Uri("/tableau-de-bord?handler=csv", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain("href=\"/tableau-de-bord\"", await buyer.GetStringAsync(new Uri("/marches-reserves", UriKind.Relative)), StringComparison.Ordinal);

        var own = (await ApiAsync(Director, "/api/spar/organisations"))[0].GetProperty("id").GetGuid();
        var other = (await ApiAsync(Facilitator, "/api/spar/organisations")).EnumerateArray()
            .Select(o => o.GetProperty("id").GetGuid())
            .First(id => id != own);
        var director = await SignedInAsync(Director);
        foreach (var path in new[] { $"/tableau-de-bord?organisation={other}", $"/tableau-de-bord?handler=xlsx&organisation={other}" })
        {
            var response = await director.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Aucune organisation dont vous pouvez consulter", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    // — a browser without JavaScript, and the JSON API for the same demo user —

    private async Task<JsonElement> ApiAsync(string email, string path)
    {
        var demo = DemoSeeder.Users.Single(u => u.Email == email);
        var (token, _) = _api.Services.GetRequiredService<DevTokenIssuer>().Issue(DemoSeeder.DevTenantId, demo.ObjectId, demo.Email, demo.DisplayName);
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = Token().Match(await browser.GetStringAsync(new Uri("/connexion", UriKind.Relative))).Groups[1].Value;
        var response = await browser.PostAsync(new Uri("/connexion", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("data-kpi=\"([a-z_]+)\">([^<]*)</p>")]
    private static partial Regex KpiTile();

    [GeneratedRegex("<script type=\"application/json\" id=\"spar-data\">([\\s\\S]*?)</script>")]
    private static partial Regex SparData();

    // Rows of the clause and contract tables: their first cell is a link to the contract's drill-down.
    [GeneratedRegex("<th scope=\"row\">\\s*<a class=\"nowrap\" href=\"/tableau-de-bord/marche/")]
    private static partial Regex TableRow();

    [GeneratedRegex("data-chart=\"[a-z]+\"")]
    private static partial Regex DataChart();
}
