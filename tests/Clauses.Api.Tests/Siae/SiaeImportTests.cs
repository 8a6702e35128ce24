using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clauses.Api.Tests.Infrastructure;
using static Clauses.Api.Tests.Siae.MarcheInclusionStandIn;

namespace Clauses.Api.Tests.Siae;

public sealed class SiaeImportTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly TestData _data = new(db);
    private MarcheInclusionStandIn _marche = null!;
    private SiaeTestHost _api = null!;
    private TestUser _platformAdmin = null!, _buyer = null!;

    private static readonly string SiretA = MarcheInclusionStandIn.Siret(8012345670001);
    private static readonly string SiretB = MarcheInclusionStandIn.Siret(7023456780001);
    private static readonly string SiretC = MarcheInclusionStandIn.Siret(8034567890001);
    private static readonly string SiretD = MarcheInclusionStandIn.Siret(8045678900001);
    private static readonly string SiretE = MarcheInclusionStandIn.Siret(8056789000001);

    public async Task InitializeAsync()
    {
        await _data.ScalarAsync<int>("WITH d AS (DELETE FROM siae RETURNING 1) SELECT count(*)::int FROM d");
        var org = await _data.OrganisationAsync("Métropole " + Guid.NewGuid().ToString("N")[..6]);
        _platformAdmin = await _data.UserAsync($"admin.{Guid.NewGuid():N}@plateforme.fr", true);
        _buyer = await _data.UserAsync($"acheteur.{Guid.NewGuid():N}@exemple.fr", false, (org, "acheteur"));
        _marche = await MarcheInclusionStandIn.StartAsync();
        _api = new SiaeTestHost(db, _marche.BaseUrl, timeoutSeconds: 1);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _marche.DisposeAsync();
    }

    /// <summary>Five records over three pages of two.</summary>
    private void FiveRecords()
    {
        var a = Record(101, SiretA, "Tremplin Bâtiment Insertion", "EI", "69", "69200", "peinture-revetement-des-murs", "nettoyage-de-locaux-16");
        a["brand"] = "Tremplin";
        a["city"] = "Vénissieux";
        a["contact_website"] = "https://tremplin-batiment.fr";
        var b = Record(102, SiretB, "Jardins solidaires du Val", "ACIPHC", "71", "71700", "creation-et-entretien-des-espaces-verts", "maraichage");
        var c = Record(103, SiretC, "Handi-Intérim Rhône", "EATT", "", "69003", "logistique-conditionnement", "secteur-inconnu");
        var d = Record(104, SiretD, "ESAT de Corse-du-Sud", "ESAT", "2A", "20090", "blanchisserie");
        var e = Record(105, SiretE, "Coopérative des indépendants", "EITI", "974", "97400");
        _marche.Records.AddRange([a, b, c, d, e]);
    }

    private async Task<HttpResponseMessage> ImportAsync(TestUser? user = null) =>
        await _api.ClientFor(user ?? _platformAdmin).PostAsync(new Uri("/api/siae/import", UriKind.Relative), null);

    private async Task<JsonElement> ImportOkAsync()
    {
        var response = await ImportAsync();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<int> CountAsync() => _data.ScalarAsync<int>("SELECT count(*)::int FROM siae");

    [Fact]
    public async Task Every_page_is_imported_with_fields_kinds_and_sectors_mapped()
    {
        FiveRecords();
        var report = await ImportOkAsync();

        Assert.Equal(3, report.GetProperty("pages").GetInt32());
        Assert.Equal(5, report.GetProperty("received").GetInt32());
        Assert.Equal(5, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("updated").GetInt32());
        Assert.Equal(0, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);
        Assert.True(report.GetProperty("finishedAt").GetDateTimeOffset() >= report.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(5, await CountAsync());

        var page = await _api.ClientFor(_buyer).GetFromJsonAsync<JsonElement>("/api/siae?pageSize=10");
        var byName = page.GetProperty("items").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);

        var a = byName["Tremplin Bâtiment Insertion"];
        Assert.Equal(SiretA, a.GetProperty("siret").GetString());
        Assert.Equal("Tremplin", a.GetProperty("brand").GetString());
        Assert.Equal("EI", a.GetProperty("kind").GetString());
        Assert.Equal(["batiment", "nettoyage"], a.GetProperty("sectors").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["69"], a.GetProperty("departements").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("Vénissieux", a.GetProperty("city").GetString());
        Assert.Equal("69200", a.GetProperty("postcode").GetString());
        Assert.Equal("https://tremplin-batiment.fr", a.GetProperty("website").GetString());
        Assert.Equal("marche_inclusion", a.GetProperty("source").GetString());
        Assert.Equal("101", a.GetProperty("externalId").GetString());
        Assert.Equal("structure-101", a.GetProperty("externalSlug").GetString());
        Assert.NotEqual(JsonValueKind.Null, a.GetProperty("importedAt").ValueKind);
        Assert.True(a.GetProperty("countsTowardClause").GetBoolean());

        var b = byName["Jardins solidaires du Val"];
        Assert.Equal("ACI", b.GetProperty("kind").GetString());                      // ACIPHC is an ACI
        Assert.Equal(["espaces_verts", "agriculture"], b.GetProperty("sectors").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(JsonValueKind.Null, b.GetProperty("brand").ValueKind);            // "" is no brand

        var c = byName["Handi-Intérim Rhône"];
        Assert.Equal(["logistique", "autre"], c.GetProperty("sectors").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["69"], c.GetProperty("departements").EnumerateArray().Select(x => x.GetString())); // from the postcode

        Assert.Equal(["2A"], byName["ESAT de Corse-du-Sud"].GetProperty("departements").EnumerateArray().Select(x => x.GetString()));
        var e = byName["Coopérative des indépendants"];
        Assert.Equal(["autre"], e.GetProperty("sectors").EnumerateArray().Select(x => x.GetString()));
        Assert.False(e.GetProperty("countsTowardClause").GetBoolean());               // EITI, by prudence
    }

    [Fact]
    public async Task The_token_is_sent_as_a_bearer_header_and_next_links_are_followed()
    {
        FiveRecords();
        await ImportOkAsync();
        var requests = _marche.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal("Bearer " + SiaeTestHost.Token, r.Authorization));
        Assert.All(requests, r => Assert.Equal("/api/siae/", r.Path));
        Assert.All(requests, r => Assert.DoesNotContain("token", r.Query, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["?limit=2", "?limit=2&offset=2", "?limit=2&offset=4"], requests.Select(r => r.Query));
    }

    [Fact]
    public async Task Malformed_records_are_reported_and_skipped_the_others_kept()
    {
        FiveRecords();
        var badSiret = Record(201, "80123456700016", "Siret faux", "EI", "69", "69001", "traiteur");
        var prison = Record(202, MarcheInclusionStandIn.Siret(8067890000001), "Atelier pénitentiaire", "SEP", "69", "69001");
        var twice = Record(203, SiretA, "Tremplin antenne", "EI", "69", "69001");
        var badEmail = Record(204, MarcheInclusionStandIn.Siret(8078900000001), "Propreté Solidaire", "EI", "69", "69003", "nettoyage-urbain");
        badEmail["contact_email"] = "pas-une-adresse";
        var inactive = Record(205, MarcheInclusionStandIn.Siret(8089000000001), "Convention close", "AI", "69", "69003");
        inactive["is_active"] = false;
        _marche.Records.AddRange([badSiret, prison, JsonValue.Create("pas un objet")!, twice, badEmail, inactive]);

        var report = await ImportOkAsync();

        Assert.Equal(11, report.GetProperty("received").GetInt32());
        Assert.Equal(6, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("inactive").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(4, rejected.Count);
        var bySiret = rejected.Where(r => r.GetProperty("siret").ValueKind == JsonValueKind.String)
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("reason").GetString()!);
        Assert.Contains("n'est pas valide", bySiret["Siret faux"], StringComparison.Ordinal);
        Assert.Contains("« SEP »", bySiret["Atelier pénitentiaire"], StringComparison.Ordinal);
        Assert.Contains("SIRET déjà présent", bySiret["Tremplin antenne"], StringComparison.Ordinal);
        Assert.Contains(rejected, r => r.GetProperty("reason").GetString()!.StartsWith("Enregistrement illisible", StringComparison.Ordinal));

        var warning = Assert.Single(report.GetProperty("warnings").EnumerateArray());
        Assert.Contains("contactEmail", warning.GetProperty("reason").GetString(), StringComparison.Ordinal);

        Assert.Equal(6, await CountAsync());
        Assert.Equal(0, await _data.ScalarAsync<int>("SELECT count(*)::int FROM siae WHERE name IN ('Siret faux', 'Atelier pénitentiaire', 'Tremplin antenne', 'Convention close')"));
        Assert.Null(await _data.ScalarAsync<string?>("SELECT contact_email FROM siae WHERE name = 'Propreté Solidaire'"));
    }

    [Fact]
    public async Task A_500_on_page_2_applies_nothing_and_a_rerun_completes()
    {
        FiveRecords();
        await _data.ScalarAsync<int>($$"""
            INSERT INTO siae (siret, name, kind, sectors, departements, source, external_id, imported_at)
            VALUES ('{{SiretA}}', 'Ancien nom', 'EI', '{batiment}', '{69}', 'marche_inclusion', '101', now() - interval '1 month') RETURNING 1
            """);
        var before = await CountAsync();
        _marche.FailOnce(2, Status(500));

        var response = await ImportAsync();

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadGateway);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("HTTP 500", detail, StringComparison.Ordinal);
        Assert.Contains("page 2", detail, StringComparison.Ordinal);
        Assert.Contains("Aucune modification", detail, StringComparison.Ordinal);
        var report = problem.GetProperty("report");
        Assert.Equal(1, report.GetProperty("pages").GetInt32());
        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.Equal(detail, report.GetProperty("error").GetString());
        Assert.Equal(before, await CountAsync());
        Assert.Equal("Ancien nom", await _data.ScalarAsync<string>($"SELECT name FROM siae WHERE siret = '{SiretA}'"));

        var rerun = await ImportOkAsync();
        Assert.Equal(4, rerun.GetProperty("created").GetInt32());
        Assert.Equal(1, rerun.GetProperty("updated").GetInt32());
        Assert.Equal(5, await CountAsync());
        Assert.Equal("Tremplin Bâtiment Insertion", await _data.ScalarAsync<string>($"SELECT name FROM siae WHERE siret = '{SiretA}'"));
    }

    [Fact]
    public async Task A_timeout_on_page_3_applies_nothing_and_a_rerun_completes()
    {
        FiveRecords();
        _marche.FailOnce(3, Slow(TimeSpan.FromSeconds(10)));

        var response = await ImportAsync();

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadGateway);
        Assert.Contains("délai", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("page 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, problem.GetProperty("report").GetProperty("pages").GetInt32());
        Assert.Equal(4, problem.GetProperty("report").GetProperty("received").GetInt32());
        Assert.Equal(0, await CountAsync());

        var rerun = await ImportOkAsync();
        Assert.Equal(5, rerun.GetProperty("created").GetInt32());
        Assert.Equal(5, await CountAsync());
    }

    [Fact]
    public async Task Rerunning_an_identical_import_changes_nothing_and_a_changed_record_is_updated()
    {
        FiveRecords();
        await ImportOkAsync();
        var versions = await _data.ScalarAsync<string>("SELECT string_agg(siret || ':' || version || ':' || updated_at, ',' ORDER BY siret) FROM siae");

        var second = await ImportOkAsync();
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(0, second.GetProperty("updated").GetInt32());
        Assert.Equal(5, second.GetProperty("unchanged").GetInt32());
        Assert.Equal(versions, await _data.ScalarAsync<string>("SELECT string_agg(siret || ':' || version || ':' || updated_at, ',' ORDER BY siret) FROM siae"));

        _marche.Records[1]["sectors"] = new JsonArray(new JsonObject { ["name"] = "Blanchisserie", ["slug"] = "blanchisserie" });
        var third = await ImportOkAsync();
        Assert.Equal(1, third.GetProperty("updated").GetInt32());
        Assert.Equal(4, third.GetProperty("unchanged").GetInt32());
        Assert.Equal(2, await _data.ScalarAsync<int>($"SELECT version FROM siae WHERE siret = '{SiretB}'"));
        Assert.Equal(["blanchisserie"], await _data.ScalarAsync<string[]>($"SELECT sectors FROM siae WHERE siret = '{SiretB}'"));
    }

    [Fact]
    public async Task A_record_entered_by_hand_is_never_overwritten()
    {
        FiveRecords();
        await _data.ScalarAsync<int>($$"""
            INSERT INTO siae (siret, name, kind, sectors, departements, radius_km, source)
            VALUES ('{{SiretC}}', 'Saisie par l''acheteur', 'EA', '{services_bureau}', '{69,01}', 40, 'saisie') RETURNING 1
            """);

        var report = await ImportOkAsync();

        Assert.Equal(4, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("keptManual").GetInt32());
        Assert.Equal(0, report.GetProperty("updated").GetInt32());
        Assert.Equal(0, report.GetProperty("unchanged").GetInt32());
        Assert.Equal("Saisie par l'acheteur|EA|saisie|1", await _data.ScalarAsync<string>(
            $"SELECT name || '|' || kind || '|' || source || '|' || version FROM siae WHERE siret = '{SiretC}'"));
    }

    [Fact]
    public async Task A_429_or_503_is_retried_once_honouring_retry_after_up_to_the_cap()
    {
        FiveRecords();
        _marche.FailOnce(1, Status(429, retryAfter: "2"));
        _marche.FailOnce(2, Status(503, retryAfter: "3600"));
        _marche.FailOnce(3, Status(503));

        var report = await ImportOkAsync();

        Assert.Equal(5, report.GetProperty("created").GetInt32());
        Assert.Equal(6, _marche.PageRequests);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)], _api.Delay.Waits);
    }

    [Fact]
    public async Task A_second_503_on_the_same_page_fails_the_import()
    {
        FiveRecords();
        _marche.FailOnce(2, Status(503));
        _marche.FailOnce(2, Status(503));

        var problem = await ProblemAssert.IsProblem(await ImportAsync(), HttpStatusCode.BadGateway);

        Assert.Contains("HTTP 503", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, _marche.PageRequests);
        Assert.Single(_api.Delay.Waits);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_refused_token_is_explained()
    {
        FiveRecords();
        _marche.FailOnce(1, Status(401));
        var problem = await ProblemAssert.IsProblem(await ImportAsync(), HttpStatusCode.BadGateway);
        Assert.Contains("jeton", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_api.Delay.Waits);
    }

    [Fact]
    public async Task Only_platform_admins_may_import()
    {
        FiveRecords();
        var problem = await ProblemAssert.IsProblem(await ImportAsync(_buyer), HttpStatusCode.Forbidden);
        Assert.Contains("administrateurs de la plateforme", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_marche.Requests);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Without_a_token_the_import_is_not_configured()
    {
        await using var unconfigured = new SiaeTestHost(db, _marche.BaseUrl, token: "");
        var response = await unconfigured.ClientFor(_platformAdmin).PostAsync(new Uri("/api/siae/import", UriKind.Relative), null);
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("MarcheInclusion:Token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_marche.Requests);
    }
}
