using System.Net;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Exports;

/// <summary>One database and one fixture for the class (xUnit makes a class instance per test: the data is written once).</summary>
public sealed class DecpFixture : IAsyncLifetime
{
    public const string Siret = "21690266800013";
    public const string Works = "44306184100047", Ea = "38012986643997", Cleaning = "51234567800029", Operator = "79876543200011";

    private readonly MigratedDatabase _db = new();
    private TestData _data = null!;
    public ApiFactory Api { get; private set; } = null!;
    public Guid Org { get; private set; }
    public Guid OrgNoSiret { get; private set; }
    public TestUser Buyer { get; private set; } = null!;
    public TestUser Director { get; private set; } = null!;
    public TestUser Admin { get; private set; } = null!;
    public TestUser Facilitator { get; private set; } = null!;
    public TestUser BuyerB { get; private set; } = null!;
    public TestUser BuyerNoSiret { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _data = new TestData(_db);
        Api = new ApiFactory(_db);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task SeedAsync()
    {
        var org = await _data.OrganisationAsync("Ville de Décines-sur-Rhône");
        await Sql("UPDATE organisations SET siret = @Siret, departement = '69' WHERE id = @org", new { Siret, org });
        var orgB = await _data.OrganisationAsync("Ville voisine");
        await Sql("UPDATE organisations SET siret = '21690999900011', departement = '69' WHERE id = @orgB", new { orgB });
        var orgNoSiret = await _data.OrganisationAsync("Syndicat sans SIRET");
        Org = org;
        OrgNoSiret = orgNoSiret;

        Buyer = await _data.UserAsync("acheteur.decp@exemple.fr", false, (org, "acheteur"));
        Director = await _data.UserAsync("directeur.decp@exemple.fr", false, (org, "directeur"));
        Admin = await _data.UserAsync("admin.decp@exemple.fr", false, (org, "admin"));
        Facilitator = await _data.UserAsync("facilitateur.decp@exemple.fr", false, (org, "facilitateur"));
        BuyerB = await _data.UserAsync("acheteur.voisin@exemple.fr", false, (orgB, "acheteur"));
        BuyerNoSiret = await _data.UserAsync("acheteur.sanssiret@exemple.fr", false, (orgNoSiret, "acheteur"));

        var works = await Company(Works, "SARL Bâtiment Rhône");
        var ea = await Company(Ea, "Entreprise adaptée Les Ateliers");
        var cleaning = await Company(Cleaning, "Propreté Lyonnaise");
        var op = await Company(Operator, "Délégataire Piscines");

        // A marché: lot 1 with an execution clause (analysis and clause), lot 2 reserved to EA/ESAT (L2113-12).
        var m1 = await Contract(org, "2025-TRX-001", "marche", "travaux", "45210000-2", 1_200_000m, "2025-03-14", "2025-04-01", "2026-09-30",
            title: "Réhabilitation du gymnase Jean Macé");
        var m1l1 = await Lot(org, m1, 1, works, "45210000-2");
        await Analysis(org, m1l1, "pertinent", ["clause_execution"]);
        await Sql("INSERT INTO clauses (organisation_id, lot_id, instrument, target_hours) VALUES (@org, @m1l1, 'clause_execution', 700)", new { org, m1l1 });
        var m1l2 = await Lot(org, m1, 2, ea, "45210000-2");
        await Analysis(org, m1l2, "pertinent", ["reserve_l2113_12"]);

        // An accord-cadre with no social consideration (analysed, not relevant).
        var m2 = await Contract(org, "2025-SRV-002", "accord_cadre", "services", "90910000-9", 300_000m, "2025-05-02", "2025-06-01", "2027-05-31",
            title: "Nettoyage des écoles");
        await Analysis(org, await Lot(org, m2, 1, cleaning, null), "non_pertinent", [], "montant_faible");

        // A concession: an award criterion on insertion and a lot reserved to SIAE.
        var k1 = await Contract(org, "2025-DSP-003", "concession", "services", null, 4_500_000m, "2025-06-10", "2025-09-01", "2033-08-31",
            title: "Exploitation du centre aquatique");
        var k1l1 = await Lot(org, k1, 1, op, null);
        await Analysis(org, k1l1, "pertinent", ["critere_attribution", "reserve_l2113_13"]);
        await Sql("INSERT INTO clauses (organisation_id, lot_id, instrument, award_weight) VALUES (@org, @k1l1, 'critere_attribution', 15)", new { org, k1l1 });

        // A subsidy with a clause: not in the DECP.
        var s1 = await Contract(org, "2025-SUB-004", "subvention", "services", null, 90_000m, "2025-02-01", "2025-02-01", "2025-12-31",
            title: "Subvention chantier d'insertion");
        await Analysis(org, await Lot(org, s1, 1, works, null), "pertinent", ["clause_execution"]);

        // Left out with reasons: no analysis and no contractor; a reference too long for the DECP identifier.
        var m3 = await Contract(org, "2025-TRX-005", "marche", "travaux", "45000000-7", 200_000m, "2025-07-01", "2025-08-01", "2025-12-31");
        await Lot(org, m3, 1, null, null);
        var m5 = await Contract(org, "2025-MARCHE-TRES-LONG-006", "marche", "services", "90910000-9", 80_000m, "2025-08-01", "2025-08-01", "2026-07-31");
        await Analysis(org, await Lot(org, m5, 1, cleaning, null), "pertinent", ["clause_alternative"]);

        // Notified outside 2025, and never notified.
        var m4 = await Contract(org, "2024-TRX-007", "marche", "travaux", "45000000-7", 500_000m, "2024-12-31", "2025-01-15", "2025-12-31");
        await Analysis(org, await Lot(org, m4, 1, works, null), "pertinent", ["clause_execution"]);
        await Contract(org, "2025-TRX-008", "marche", "travaux", "45000000-7", 500_000m, null, "2026-01-15", "2026-12-31");

        // Another organisation's marché in the period.
        var b1 = await Contract(orgB, "B-2025-001", "marche", "travaux", "45000000-7", 700_000m, "2025-04-01", "2025-05-01", "2026-04-30");
        await Analysis(orgB, await Lot(orgB, b1, 1, works, null), "pertinent", ["clause_execution"]);
    }

    private async Task Sql(string sql, object args) => await _data.ScalarAsync<object?>(sql, args);

    private Task<Guid> Company(string siret, string name) =>
        _data.ScalarAsync<Guid>("INSERT INTO companies (siret, name) VALUES (@siret, @name) RETURNING id", new { siret, name });

    private Task<Guid> Contract(Guid org, string reference, string kind, string category, string? cpv, decimal amount,
        string? notified, string starts, string ends, string title = "Marché de test") =>
        _data.ScalarAsync<Guid>("""
            INSERT INTO contracts (organisation_id, reference, title, kind, category, status, cpv_code, amount_ht, notified_on, starts_on, ends_on)
            VALUES (@org, @reference, @title, @kind, @category, 'en_execution', @cpv, @amount, @notified::date, @starts::date, @ends::date) RETURNING id
            """, new { org, reference, title, kind, category, cpv, amount, notified, starts, ends });

    private Task<Guid> Lot(Guid org, Guid contract, int number, Guid? contractor, string? cpv) =>
        _data.ScalarAsync<Guid>("""
            INSERT INTO lots (organisation_id, contract_id, number, title, cpv_code, amount_ht, contractor_company_id)
            VALUES (@org, @contract, @number, 'Lot ' || @number, @cpv, 10000, @contractor) RETURNING id
            """, new { org, contract, number, cpv, contractor });

    private Task Analysis(Guid org, Guid lot, string outcome, string[] instruments, string? reason = null) =>
        Sql("INSERT INTO relevance_analyses (organisation_id, lot_id, outcome, instruments, reason) VALUES (@org, @lot, @outcome, @instruments, @reason)",
            new { org, lot, outcome, instruments, reason });

}

public sealed class DecpApiTests(DecpFixture fixture) : IClassFixture<DecpFixture>
{
    private const string Siret = DecpFixture.Siret, Works = DecpFixture.Works, Ea = DecpFixture.Ea, Operator = DecpFixture.Operator;
    private readonly ApiFactory _api = fixture.Api;
    private readonly Guid _org = fixture.Org, _orgNoSiret = fixture.OrgNoSiret;
    private readonly TestUser _buyer = fixture.Buyer, _director = fixture.Director, _admin = fixture.Admin,
        _facilitator = fixture.Facilitator, _buyerB = fixture.BuyerB, _buyerNoSiret = fixture.BuyerNoSiret;

    private Task<HttpResponseMessage> Export(TestUser user, Guid org, string query = "from=2025-01-01&to=2025-12-31") =>
        _api.ClientFor(user).GetAsync(new Uri($"/api/organisations/{org}/decp?{query}", UriKind.Relative));

    private static JsonElement Find(JsonElement document, string section, string id) =>
        document.GetProperty("marches").GetProperty(section).EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    private static string[] Considerations(JsonElement contract) =>
        [.. contract.GetProperty("considerationsSociales").GetProperty("considerationSociale").EnumerateArray().Select(v => v.GetString()!)];

    [Fact]
    public async Task The_export_is_a_DECP_file_that_validates_against_the_official_schema()
    {
        var response = await Export(_buyer, _org);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"decp-{Siret}-2025-01-01-2025-12-31.json\"",
            string.Join(",", response.Content.Headers.GetValues("Content-Disposition")));

        await DecpSchemaAssert.IsValidAsync(body);
        var document = JsonDocument.Parse(body).RootElement;
        var marches = document.GetProperty("marches");
        Assert.Equal(["2025-TRX-001", "2025-SRV-002"], marches.GetProperty("marche").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(["2025-DSP-003"], marches.GetProperty("contrat-concession").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        // Subsidies are not DECP; other periods and other organisations are not in the file.
        Assert.DoesNotContain("2025-SUB-004", body, StringComparison.Ordinal);
        Assert.DoesNotContain("2024-TRX-007", body, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-TRX-008", body, StringComparison.Ordinal);
        Assert.DoesNotContain("B-2025-001", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_fields_come_from_the_contract_its_lots_and_the_organisation()
    {
        var document = JsonDocument.Parse(await (await Export(_director, _org)).Content.ReadAsStringAsync()).RootElement;

        var m1 = Find(document, "marche", "2025-TRX-001");
        Assert.Equal(Siret, m1.GetProperty("acheteur").GetProperty("id").GetString());
        Assert.Equal("Marché", m1.GetProperty("nature").GetString());
        Assert.Equal("Réhabilitation du gymnase Jean Macé", m1.GetProperty("objet").GetString());
        Assert.Equal("45210000", m1.GetProperty("codeCPV").GetString());
        Assert.Equal("2025-03-14", m1.GetProperty("dateNotification").GetString());
        Assert.Equal(18, m1.GetProperty("dureeMois").GetInt32());
        Assert.Equal(1_200_000m, m1.GetProperty("montant").GetDecimal());
        Assert.Equal("69", m1.GetProperty("lieuExecution").GetProperty("code").GetString());
        Assert.Equal("Code département", m1.GetProperty("lieuExecution").GetProperty("typeCode").GetString());
        Assert.Equal("Travaux", m1.GetProperty("ccag").GetString());
        // 1.2 M€ of works is below the 5 538 000 € EU works threshold.
        Assert.Equal("Procédure adaptée", m1.GetProperty("procedure").GetString());
        Assert.Equal(new[] { Works, Ea }.Order(StringComparer.Ordinal), m1.GetProperty("titulaires").EnumerateArray()
            .Select(t => t.GetProperty("titulaire").GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(m1.GetProperty("titulaires").EnumerateArray(),
            t => Assert.Equal("SIRET", t.GetProperty("titulaire").GetProperty("typeIdentifiant").GetString()));
        Assert.Equal(["Clause sociale", "Marché réservé"], Considerations(m1));
        Assert.Equal(["Pas de considération environnementale"], m1.GetProperty("considerationsEnvironnementales")
            .GetProperty("considerationEnvironnementale").EnumerateArray().Select(v => v.GetString()));

        var m2 = Find(document, "marche", "2025-SRV-002");
        Assert.Equal(["Pas de considération sociale"], Considerations(m2));
        Assert.Equal(["Accord-cadre"], m2.GetProperty("techniques").GetProperty("technique").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Unitaire", m2.GetProperty("formePrix").GetString());
        // 300 000 € of services is above the 221 000 € threshold of local buyers.
        Assert.Equal("Appel d'offres ouvert", m2.GetProperty("procedure").GetString());
        Assert.Equal("90910000", m2.GetProperty("codeCPV").GetString());

        var k1 = Find(document, "contrat-concession", "2025-DSP-003");
        Assert.Equal(Siret, k1.GetProperty("autoriteConcedante").GetProperty("id").GetString());
        Assert.Equal(["Critère social", "Concession réservée"], Considerations(k1));
        Assert.Equal("2025-06-10", k1.GetProperty("dateSignature").GetString());
        Assert.Equal("2025-09-01", k1.GetProperty("dateDebutExecution").GetString());
        Assert.Equal(96, k1.GetProperty("dureeMois").GetInt32());
        Assert.Equal(Operator, k1.GetProperty("concessionnaires")[0].GetProperty("concessionnaire").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Pas_de_consideration_sociale_never_appears_with_another_value()
    {
        var body = await (await Export(_admin, _org)).Content.ReadAsStringAsync();
        var seen = DecpSchemaAssert.ConsiderationsAreExclusive(JsonDocument.Parse(body).RootElement);
        Assert.Equal(3, seen.Count);
        Assert.Single(seen, v => v.SequenceEqual(["Pas de considération sociale"]));
    }

    [Fact]
    public async Task Contracts_missing_required_data_are_left_out_and_listed_with_their_reasons()
    {
        var response = await Export(_buyer, _org);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("X-Clauses-Excluded-Count").Single());
        var excluded = response.Headers.GetValues("X-Clauses-Excluded").Single().Split(", ");
        Assert.Equal(["2025-TRX-005:titulaire-manquant;analyse-manquante", "2025-MARCHE-TRES-LONG-006:identifiant-trop-long"], excluded);
        Assert.Contains("offresRecues", response.Headers.GetValues("X-Clauses-Conventional-Fields").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_without_contracts_is_still_a_valid_file()
    {
        var response = await Export(_buyer, _org, "from=2020-01-01&to=2020-12-31");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await DecpSchemaAssert.IsValidAsync(body);
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("marches").GetProperty("marche").GetArrayLength());
        Assert.Equal("0", response.Headers.GetValues("X-Clauses-Excluded-Count").Single());
    }

    [Fact]
    public async Task Another_organisations_buyer_gets_a_french_not_found()
    {
        var problem = await ProblemAssert.IsProblem(await Export(_buyerB, _org), HttpStatusCode.NotFound);
        Assert.Contains("organisation", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_of_the_organisation_is_forbidden_in_french()
    {
        var problem = await ProblemAssert.IsProblem(await Export(_facilitator, _org), HttpStatusCode.Forbidden);
        Assert.Contains("directeurs, acheteurs et administrateurs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directors_buyers_and_admins_may_export()
    {
        foreach (var user in new[] { _buyer, _director, _admin })
            Assert.Equal(HttpStatusCode.OK, (await Export(user, _org)).StatusCode);
    }

    [Theory]
    [InlineData("to=2025-12-31", "from")]
    [InlineData("from=2025-01-01", "to")]
    [InlineData("from=2025-13-01&to=2025-12-31", "from")]
    [InlineData("from=01/01/2025&to=2025-12-31", "from")]
    [InlineData("from=2025-01-01&to=demain", "to")]
    [InlineData("from=2025-12-31&to=2025-01-01", "to")]
    public async Task Bad_dates_are_a_french_400(string query, string field)
    {
        var problem = await ProblemAssert.IsProblem(await Export(_buyer, _org, query), HttpStatusCode.BadRequest);
        var message = Assert.Single(ProblemAssert.FieldErrors(problem, field));
        Assert.Contains("date", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_without_siret_cannot_export()
    {
        var problem = await ProblemAssert.IsProblem(await Export(_buyerNoSiret, _orgNoSiret), (HttpStatusCode)422);
        Assert.Contains("SIRET", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
