using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Siae;

public sealed class SiaeApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private TestUser _buyer = null!, _orgAdmin = null!, _platformAdmin = null!, _facilitator = null!, _siaeUser = null!;

    private static readonly string SiretEi = MarcheInclusionStandIn.Siret(8112345670001);
    private static readonly string SiretAci = MarcheInclusionStandIn.Siret(7123456780001);
    private static readonly string SiretEiti = MarcheInclusionStandIn.Siret(8134567890001);
    private static readonly string SiretEsat = MarcheInclusionStandIn.Siret(7145678900001);

    public async Task InitializeAsync()
    {
        var org = await _data.OrganisationAsync("Ville " + Guid.NewGuid().ToString("N")[..6]);
        var siaeOrg = await _data.OrganisationAsync("Compte SIAE " + Guid.NewGuid().ToString("N")[..6], "siae");
        _buyer = await _data.UserAsync($"acheteur.{Guid.NewGuid():N}@exemple.fr", false, (org, "acheteur"));
        _orgAdmin = await _data.UserAsync($"admin.{Guid.NewGuid():N}@exemple.fr", false, (org, "admin"));
        _platformAdmin = await _data.UserAsync($"plateforme.{Guid.NewGuid():N}@exemple.fr", true);
        _facilitator = await _data.UserAsync($"facilitateur.{Guid.NewGuid():N}@exemple.fr", false, (org, "facilitateur"));
        _siaeUser = await _data.UserAsync($"siae.{Guid.NewGuid():N}@exemple.fr", false, (siaeOrg, "siae"));

        await _data.ScalarAsync<int>("WITH d AS (DELETE FROM siae RETURNING 1) SELECT count(*)::int FROM d");
        await _data.ScalarAsync<int>($$"""
            INSERT INTO siae (siret, name, kind, sectors, departements, source, external_id) VALUES
              ('{{SiretEi}}', 'Tremplin Bâtiment Insertion', 'EI', '{batiment,nettoyage}', '{69,01}', 'marche_inclusion', '1'),
              ('{{SiretAci}}', 'Jardins solidaires du Val', 'ACI', '{espaces_verts}', '{71}', 'marche_inclusion', '2'),
              ('{{SiretEiti}}', 'Coopérative des indépendants', 'EITI', '{batiment}', '{69}', 'saisie', NULL),
              ('{{SiretEsat}}', 'ESAT les Ateliers', 'ESAT', '{blanchisserie,espaces_verts}', '{69,38}', 'saisie', NULL)
            RETURNING 1
            """);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static object NewSiae(string siret, string name = "Ressourcerie La Trame") => new
    {
        siret,
        name,
        brand = "La Trame",
        kind = "ACI",
        sectors = new[] { "recyclage", "logistique" },
        departements = new[] { "69" },
        city = "Lyon",
        postcode = "69008",
        radiusKm = 30,
        contactEmail = "contact@latrame.fr",
        contactPhone = "04 78 00 11 22",
        website = "https://latrame.fr",
    };

    private async Task<string[]> NamesAsync(string query, TestUser? user = null)
    {
        var page = await _api.ClientFor(user ?? _buyer).GetFromJsonAsync<JsonElement>("/api/siae" + query);
        return [.. page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];
    }

    [Fact]
    public async Task Every_signed_in_user_reads_the_directory()
    {
        Assert.Equal(4, (await NamesAsync("", _siaeUser)).Length);
        Assert.Equal(4, (await NamesAsync("", _facilitator)).Length);
        var anonymous = await _api.CreateClient().GetAsync(new Uri("/api/siae", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Filters_by_kind_sector_departement_text_and_clause_eligibility()
    {
        Assert.Equal(["ESAT les Ateliers"], await NamesAsync("?kind=ESAT"));
        Assert.Equal(["Coopérative des indépendants", "Tremplin Bâtiment Insertion"], await NamesAsync("?sector=batiment"));
        Assert.Equal(["ESAT les Ateliers", "Jardins solidaires du Val"], await NamesAsync("?sector=espaces_verts"));
        Assert.Equal(["Jardins solidaires du Val"], await NamesAsync("?departement=71"));
        Assert.Equal(["ESAT les Ateliers"], await NamesAsync("?departement=38"));
        Assert.Equal(["Tremplin Bâtiment Insertion"], await NamesAsync("?sector=batiment&countsTowardClause=true"));
        Assert.Equal(["Coopérative des indépendants"], await NamesAsync("?countsTowardClause=false"));
        Assert.Equal(["Jardins solidaires du Val"], await NamesAsync("?search=solidaires"));
        Assert.Equal(["Tremplin Bâtiment Insertion"], await NamesAsync("?search=" + SiretEi[..9]));
        Assert.Empty(await NamesAsync("?search=100%25"));
    }

    [Fact]
    public async Task The_list_pages()
    {
        var client = _api.ClientFor(_buyer);
        var page1 = await client.GetFromJsonAsync<JsonElement>("/api/siae?pageSize=3&page=1");
        var page2 = await client.GetFromJsonAsync<JsonElement>("/api/siae?pageSize=3&page=2");
        Assert.Equal(4, page1.GetProperty("total").GetInt64());
        Assert.Equal(3, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        Assert.Equal(3, page2.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Unknown_filter_values_are_explained_in_french()
    {
        var response = await _api.ClientFor(_buyer).GetAsync(new Uri("/api/siae?kind=SEP&sector=btp&departement=20", UriKind.Relative));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("« SEP »", ProblemAssert.FieldErrors(problem, "kind")[0], StringComparison.Ordinal);
        Assert.Contains("« btp »", ProblemAssert.FieldErrors(problem, "sector")[0], StringComparison.Ordinal);
        Assert.Contains("« 20 »", ProblemAssert.FieldErrors(problem, "departement")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buyer_adds_an_siae_then_reads_it_with_its_etag()
    {
        var siret = MarcheInclusionStandIn.Siret(8156789000001);
        var client = _api.ClientFor(_buyer);
        var created = await client.PostAsJsonAsync("/api/siae", NewSiae(siret));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("saisie", body.GetProperty("source").GetString());
        Assert.Equal(["recyclage", "logistique"], body.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(30, body.GetProperty("radiusKm").GetInt32());
        Assert.Equal("Atelier et chantier d'insertion", body.GetProperty("kindLabel").GetString());

        var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(siret, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("siret").GetString());
    }

    [Fact]
    public async Task Organisation_and_platform_admins_may_add_but_not_a_facilitator()
    {
        Assert.Equal(HttpStatusCode.Created, (await _api.ClientFor(_orgAdmin).PostAsJsonAsync("/api/siae", NewSiae(MarcheInclusionStandIn.Siret(8167890000001)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _api.ClientFor(_platformAdmin).PostAsJsonAsync("/api/siae", NewSiae(MarcheInclusionStandIn.Siret(8178900000001)))).StatusCode);
        var refused = await _api.ClientFor(_facilitator).PostAsJsonAsync("/api/siae", NewSiae(MarcheInclusionStandIn.Siret(8189000000001)));
        var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.Forbidden);
        Assert.Contains("acheteurs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_siae_is_refused_field_by_field_in_french()
    {
        var response = await _api.ClientFor(_buyer).PostAsJsonAsync("/api/siae", new
        {
            siret = "80123456700016", name = "", kind = "SEP", sectors = new[] { "btp" }, departements = new[] { "20" },
            radiusKm = 5000, contactEmail = "non", contactPhone = "12", website = "www.exemple.fr", postcode = "690",
        });
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "siret", "name", "kind", "sectors", "departements", "radiusKm", "contactEmail", "contactPhone", "website", "postcode" })
            Assert.NotEmpty(ProblemAssert.FieldErrors(problem, field));
        Assert.Contains("Luhn", ProblemAssert.FieldErrors(problem, "siret")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_siret_already_in_the_directory_is_a_french_conflict()
    {
        var response = await _api.ClientFor(_buyer).PostAsJsonAsync("/api/siae", NewSiae(SiretEi));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict);
        Assert.Contains("Tremplin Bâtiment Insertion", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Marché de l'inclusion", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("siret-deja-present", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updating_needs_if_match_and_rejects_a_stale_version()
    {
        var client = _api.ClientFor(_buyer);
        var id = await _data.ScalarAsync<Guid>($"SELECT id FROM siae WHERE siret = '{SiretEsat}'");
        var uri = new Uri($"/api/siae/{id}", UriKind.Relative);
        var change = NewSiae(SiretEsat, "ESAT les Ateliers du Rhône");

        await ProblemAssert.IsProblem(await client.PutAsJsonAsync(uri, change), HttpStatusCode.PreconditionRequired);

        using var stale = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent.Create(change) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await ProblemAssert.IsProblem(await client.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        var etag = (await client.GetAsync(uri)).Headers.ETag!.Tag;
        using var fresh = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent.Create(change) };
        fresh.Headers.TryAddWithoutValidation("If-Match", etag);
        var updated = await client.SendAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        Assert.Equal("ESAT les Ateliers du Rhône", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());

        using var replay = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent.Create(change) };
        replay.Headers.TryAddWithoutValidation("If-Match", etag);
        await ProblemAssert.IsProblem(await client.SendAsync(replay), HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task An_update_is_validated_and_may_not_take_another_siret()
    {
        var client = _api.ClientFor(_buyer);
        var id = await _data.ScalarAsync<Guid>($"SELECT id FROM siae WHERE siret = '{SiretEiti}'");
        var uri = new Uri($"/api/siae/{id}", UriKind.Relative);

        using var invalid = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent.Create(new { siret = SiretEiti, name = "X", kind = "EITI", departements = Array.Empty<string>() }) };
        invalid.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var problem = await ProblemAssert.IsProblem(await client.SendAsync(invalid), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "departements"));

        using var taken = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent.Create(NewSiae(SiretAci)) };
        taken.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await ProblemAssert.IsProblem(await client.SendAsync(taken), HttpStatusCode.Conflict);
        Assert.Equal(1, await _data.ScalarAsync<int>($"SELECT version FROM siae WHERE id = '{id}'"));
    }

    [Fact]
    public async Task An_imported_record_is_read_only_here()
    {
        var id = await _data.ScalarAsync<Guid>($"SELECT id FROM siae WHERE siret = '{SiretAci}'");
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/siae/{id}", UriKind.Relative)) { Content = JsonContent.Create(NewSiae(SiretAci)) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var problem = await ProblemAssert.IsProblem(await _api.ClientFor(_platformAdmin).SendAsync(put), HttpStatusCode.Conflict);
        Assert.Contains("importée du Marché de l'inclusion", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facilitators_may_not_update_and_unknown_ids_are_not_found()
    {
        var id = await _data.ScalarAsync<Guid>($"SELECT id FROM siae WHERE siret = '{SiretEiti}'");
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/siae/{id}", UriKind.Relative)) { Content = JsonContent.Create(NewSiae(SiretEiti)) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await ProblemAssert.IsProblem(await _api.ClientFor(_facilitator).SendAsync(put), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await _api.ClientFor(_buyer).GetAsync(new Uri($"/api/siae/{Guid.NewGuid()}", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_vocabulary_lists_kinds_and_sectors_in_french()
    {
        var vocabulary = await _api.ClientFor(_siaeUser).GetFromJsonAsync<JsonElement>("/api/siae/vocabulary");
        Assert.Equal(9, vocabulary.GetProperty("kinds").GetArrayLength());
        Assert.Contains(vocabulary.GetProperty("sectors").EnumerateArray(), s => s.GetProperty("code").GetString() == "espaces_verts" && s.GetProperty("label").GetString() == "Espaces verts et naturels");
        Assert.Contains(vocabulary.GetProperty("kinds").EnumerateArray(), k => k.GetProperty("code").GetString() == "EITI" && !k.GetProperty("countsTowardClause").GetBoolean());
    }
}
