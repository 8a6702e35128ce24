using System.Text.Json;
using System.Text.Json.Nodes;
using Clauses.Api.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clauses.Api.Tests.Exports;

/// <summary>The document builder and the run-time validator, without a database.</summary>
public sealed class DecpDocumentTests
{
    private static readonly DecpOrganisation Organisation = new()
    {
        Id = Guid.NewGuid(), Name = "Commune", Kind = "commune", Siret = "21690266800013", Departement = "2A",
    };

    private static DecpContract Contract(string reference, string kind = "marche", DateOnly? endsOn = null) => new()
    {
        Id = Guid.NewGuid(), Reference = reference, Title = "Objet", Kind = kind, Category = "services", CpvCode = "90910000-9",
        AmountHt = 150_000m, NotifiedOn = new DateOnly(2025, 2, 3), StartsOn = new DateOnly(2025, 3, 1),
        EndsOn = endsOn ?? new DateOnly(2025, 5, 31),
    };

    private static DecpLot Lot(DecpContract contract, string? siret = "44306184100047", bool analysed = true, params string[] instruments) => new()
    {
        ContractId = contract.Id, Number = 1, ContractorSiret = siret, Analysed = analysed, Instruments = instruments,
    };

    private static DecpDocument Build(params (DecpContract Contract, DecpLot[] Lots)[] items) =>
        DecpExport.Build(Organisation, [.. items.Select(i => i.Contract)], [.. items.SelectMany(i => i.Lots)], new DateOnly(2025, 12, 1));

    [Fact]
    public async Task A_built_document_is_valid_for_the_embedded_validator_and_the_test_schema()
    {
        var m = Contract("M-1");
        var k = Contract("K-1", "concession");
        var document = Build((m, [Lot(m, instruments: "clause_alternative")]), (k, [Lot(k, instruments: "reserve_l2113_15")]));
        var json = document.Json.ToJsonString();

        Assert.Empty(await DecpValidator.ValidateAsync(json));
        await DecpSchemaAssert.IsValidAsync(json);
        Assert.Equal((1, 1), (document.MarcheCount, document.ConcessionCount));
        var marche = document.Json["marches"]!["marche"]![0]!;
        Assert.Equal("2A", (string)marche["lieuExecution"]!["code"]!);
        Assert.Equal(3, (int)marche["dureeMois"]!);
        Assert.Equal("Définitif ferme", (string)marche["typesPrix"]!["typePrix"]![0]!);
        Assert.True((bool)marche["attributionAvance"]!);
        Assert.Equal("2025-12-01", (string)marche["datePublicationDonnees"]!);
        Assert.Equal("Concession réservée", (string)document.Json["marches"]!["contrat-concession"]![0]!["considerationsSociales"]!["considerationSociale"]![0]!);
    }

    [Fact]
    public void Clauses_on_a_lot_count_even_without_an_analysis()
    {
        var m = Contract("M-2");
        var lot = Lot(m, analysed: false) with { ClauseInstruments = ["critere_attribution"] };
        var document = Build((m, [lot]));
        Assert.Empty(document.Excluded);
        Assert.Equal("Critère social", (string)document.Json["marches"]!["marche"]![0]!["considerationsSociales"]!["considerationSociale"]![0]!);
    }

    [Fact]
    public void Missing_data_excludes_a_contract_with_every_reason()
    {
        var noEnd = Contract("M-3") with { EndsOn = null, CpvCode = null, AmountHt = 0.5m };
        var noLots = Contract("M-4");
        var document = DecpExport.Build(Organisation with { Departement = null }, [noEnd, noLots], [Lot(noEnd, siret: null, analysed: false)],
            new DateOnly(2025, 12, 1));
        Assert.Equal(0, document.MarcheCount);
        Assert.Equal(["montant-manquant", "code-cpv-manquant", "duree-inconnue", "titulaire-manquant", "analyse-manquante", "lieu-execution-inconnu"],
            document.Excluded[0].Reasons);
        Assert.Equal(["titulaire-manquant", "analyse-manquante", "lieu-execution-inconnu"], document.Excluded[1].Reasons);
        Assert.Equal("M-3:montant-manquant;code-cpv-manquant;duree-inconnue;titulaire-manquant;analyse-manquante;lieu-execution-inconnu, "
            + "M-4:titulaire-manquant;analyse-manquante;lieu-execution-inconnu", DecpApi.ExcludedHeader(document.Excluded));
    }

    [Fact]
    public void Excluded_references_are_percent_encoded_for_the_header() =>
        Assert.Equal("March%C3%A9%20n%C2%B01%2C%20lot%3A2:titulaire-manquant",
            DecpApi.ExcludedHeader([new DecpExclusion("Marché n°1, lot:2", ["titulaire-manquant"])]));

    [Fact]
    public async Task The_validator_reports_schema_errors_with_their_path()
    {
        var m = Contract("M-5");
        var json = Build((m, [Lot(m, instruments: "clause_execution")])).Json;
        var marche = json["marches"]!["marche"]![0]!.AsObject();
        marche.Remove("considerationsSociales");
        marche["codeCPV"] = "4521";
        marche["ccag"] = "CCAG inconnu";

        var errors = await DecpValidator.ValidateAsync(json.ToJsonString());
        Assert.Contains(errors, e => e.Message.Contains("considerationsSociales", StringComparison.Ordinal) && e.Message.StartsWith("Champ obligatoire", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Chemin.Contains("codeCPV", StringComparison.Ordinal) && e.Message.StartsWith("Format", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Chemin.Contains("ccag", StringComparison.Ordinal) && e.Message.Contains("liste autorisée", StringComparison.Ordinal));
        Assert.NotEmpty(await DecpSchemaAssert.ErrorsAsync(json.ToJsonString()));
    }

    [Fact]
    public async Task The_validator_rejects_a_value_outside_the_enum_and_an_empty_document()
    {
        var m = Contract("M-6");
        var json = Build((m, [Lot(m, instruments: "clause_execution")])).Json;
        json["marches"]!["marche"]![0]!["considerationsSociales"]!["considerationSociale"] = new JsonArray("Sans objet");
        Assert.NotEmpty(await DecpValidator.ValidateAsync(json.ToJsonString()));
        Assert.NotEmpty(await DecpValidator.ValidateAsync("{}"));
        Assert.NotEmpty(await DecpValidator.ValidateAsync("""{"marches": {}}"""));
    }

    [Fact]
    public async Task An_invalid_document_becomes_a_french_422_problem_listing_the_errors()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await DecpApi.Invalid([new DecpSchemaError("#/marches.marche[0].codeCPV", "Format « codeCPV » invalide.")]).ExecuteAsync(context);

        Assert.Equal(422, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = JsonDocument.Parse(context.Response.Body).RootElement;
        Assert.Equal("Export DECP non conforme au schéma officiel", problem.GetProperty("title").GetString());
        Assert.Equal("urn:clauses:problem:decp-non-conforme", problem.GetProperty("type").GetString());
        var error = Assert.Single(problem.GetProperty("erreurs").EnumerateArray().ToList());
        Assert.Equal("#/marches.marche[0].codeCPV", error.GetProperty("chemin").GetString());
        Assert.Equal("Format « codeCPV » invalide.", error.GetProperty("message").GetString());
    }

    [Fact]
    public void The_embedded_schema_is_the_official_file()
    {
        var embedded = DecpValidator.SchemaText();
        using var schema = JsonDocument.Parse(embedded);
        Assert.Equal("https://raw.githubusercontent.com/139bercy/format-commande-publique/master/marches.json",
            schema.RootElement.GetProperty("$id").GetString());
        if (DecpSchemaAssert.SharedSchemaPath() is { } shared)
            Assert.Equal(File.ReadAllText(shared), embedded);
    }

    [Fact]
    public async Task The_official_example_validates_when_the_reference_folder_is_present()
    {
        var example = DecpSchemaAssert.SharedSchemaPath()?.Replace("schema_decp_v2.0.3.json", "exemple-marches-concessions.json", StringComparison.Ordinal);
        var json = example is not null && File.Exists(example)
            ? await File.ReadAllTextAsync(example)
            : Build((Contract("M-7"), [])).Json.ToJsonString(); // without shared/, an empty-but-valid export
        Assert.Empty(await DecpValidator.ValidateAsync(json));
    }
}
