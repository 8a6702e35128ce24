using System.Globalization;
using System.Text.Json.Nodes;
using Clauses.Api.Data;
using Clauses.Core.Contracts;
using Clauses.Core.Decp;

namespace Clauses.Api.Exports;

/// <summary>The buyer organisation whose DECP are exported.</summary>
public sealed record DecpOrganisation
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? Siret { get; init; }
    public string? Departement { get; init; }
}

/// <summary>A contract notified in the period (marché, accord-cadre or concession).</summary>
public sealed record DecpContract
{
    public Guid Id { get; init; }
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public required string Kind { get; init; }
    public required string Category { get; init; }
    public string? CpvCode { get; init; }
    public decimal AmountHt { get; init; }
    public DateOnly NotifiedOn { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public bool DefenceSecurity { get; init; }
}

/// <summary>A lot of such a contract: its contractor and its instruments (relevance analysis and clauses).</summary>
public sealed record DecpLot
{
    public Guid ContractId { get; init; }
    public int Number { get; init; }
    public string? CpvCode { get; init; }
    public string? ContractorSiret { get; init; }
    public bool Analysed { get; init; }
    public string[] Instruments { get; init; } = [];
    public string[] ClauseInstruments { get; init; } = [];
}

/// <summary>A contract left out of the file, and why (codes listed in <see cref="DecpExport"/>).</summary>
public sealed record DecpExclusion(string Reference, IReadOnlyList<string> Reasons);

/// <summary>The DECP document and what was left out of it.</summary>
public sealed record DecpDocument(JsonObject Json, int MarcheCount, int ConcessionCount, IReadOnlyList<DecpExclusion> Excluded);

public static class DecpStore
{
    public static Task<DecpOrganisation?> OrganisationAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<DecpOrganisation>(
            "SELECT id, name, kind, siret, departement FROM organisations WHERE id = @id", new { id }, ct);

    /// <summary>Contracts notified from <paramref name="from"/> to <paramref name="to"/> inclusive. Subsidies are
    /// not public procurement contracts: the DECP (arrêtés du 22 décembre 2022) do not cover them, so they are
    /// never read here.</summary>
    public static async Task<IReadOnlyList<DecpContract>> ContractsAsync(TenantSession db, Guid organisationId, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await db.QueryAsync<DecpContract>("""
            SELECT id, reference, title, kind, category, cpv_code, amount_ht, notified_on, starts_on, ends_on, defence_security
              FROM contracts
             WHERE organisation_id = @organisationId
               AND kind IN ('marche', 'accord_cadre', 'concession')
               AND notified_on BETWEEN @from AND @to
             ORDER BY notified_on, reference
            """, new { organisationId, from, to }, ct)).ToList();

    public static async Task<IReadOnlyList<DecpLot>> LotsAsync(TenantSession db, Guid[] contractIds, CancellationToken ct) =>
        (await db.QueryAsync<DecpLot>("""
            SELECT l.contract_id, l.number, l.cpv_code, co.siret AS contractor_siret, (r.id IS NOT NULL) AS analysed,
                   coalesce(r.instruments, '{}') AS instruments,
                   coalesce((SELECT array_agg(c.instrument ORDER BY c.instrument) FROM clauses c WHERE c.lot_id = l.id), '{}') AS clause_instruments
              FROM lots l
              LEFT JOIN relevance_analyses r ON r.lot_id = l.id
              LEFT JOIN companies co ON co.id = l.contractor_company_id
             WHERE l.contract_id = ANY (@contractIds)
             ORDER BY l.contract_id, l.number
            """, new { contractIds }, ct)).ToList();
}

/// <summary>
/// Builds the DECP 2024 document (schema_decp_v2.0.3.json): <c>{"marches": {"marche": [...], "contrat-concession": [...]}}</c>.
/// Every required field is filled; those Clauses does not record follow the conventions of <see cref="DecpFields"/>
/// (listed in <see cref="ConventionalFields"/> and sent in a header so the buyer knows what to check).
/// A contract whose required data is missing is left out of the file (never published with an invented value)
/// and listed with reason codes:
/// <list type="bullet">
/// <item><c>identifiant-trop-long</c>: the reference has more than 16 characters (schema <c>id</c>).</item>
/// <item><c>montant-manquant</c>: amount below 1 € HT (schema <c>montant</c>/<c>valeurGlobale</c> ≥ 1).</item>
/// <item><c>code-cpv-manquant</c>: neither the contract nor a lot has a CPV code (marchés).</item>
/// <item><c>duree-inconnue</c>: no end date of execution, so no <c>dureeMois</c>.</item>
/// <item><c>titulaire-manquant</c>: no lot names its contractor company (<c>titulaires</c>, <c>concessionnaires</c>).</item>
/// <item><c>analyse-manquante</c>: no lot, or a lot with neither a relevance analysis nor a clause: publishing
/// "Pas de considération sociale" would be a guess.</item>
/// <item><c>lieu-execution-inconnu</c>: the organisation has no département (<c>lieuExecution</c>).</item>
/// </list>
/// </summary>
public static class DecpExport
{
    /// <summary>Required fields filled by convention rather than from the buyer's data.</summary>
    public static IReadOnlyList<string> ConventionalFields { get; } =
    [
        "techniques", "modalitesExecution", "marcheInnovant", "ccag", "offresRecues", "attributionAvance",
        "typeGroupementOperateurs", "procedure", "lieuExecution", "datePublicationDonnees", "typesPrix", "formePrix",
        "sousTraitanceDeclaree", "considerationsEnvironnementales", "nature (concession)", "montantSubventionPublique",
        "dateSignature", "dateDebutExecution",
    ];

    public static DecpDocument Build(DecpOrganisation organisation, IReadOnlyList<DecpContract> contracts,
        IReadOnlyList<DecpLot> lots, DateOnly publishedOn)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var siret = organisation.Siret ?? throw new ArgumentException("The organisation has no SIRET.", nameof(organisation));
        var lotsByContract = lots.ToLookup(l => l.ContractId);
        var marches = new JsonArray();
        var concessions = new JsonArray();
        var excluded = new List<DecpExclusion>();

        foreach (var contract in contracts)
        {
            var contractLots = lotsByContract[contract.Id].ToList();
            var reasons = new List<string>();
            var holders = contractLots.Select(l => l.ContractorSiret?.Trim()).OfType<string>()
                .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var cpv = contract.CpvCode ?? contractLots.Select(l => l.CpvCode).FirstOrDefault(c => c is not null);
            var concession = contract.Kind == ContractKind.Concession;

            if (!DecpFields.IsPublishableIdentifier(contract.Reference)) reasons.Add("identifiant-trop-long");
            if (contract.AmountHt < 1m) reasons.Add("montant-manquant");
            if (!concession && cpv is null) reasons.Add("code-cpv-manquant");
            if (contract.EndsOn is not { } endsOn || endsOn < (contract.StartsOn ?? contract.NotifiedOn)) reasons.Add("duree-inconnue");
            if (holders.Count == 0) reasons.Add("titulaire-manquant");
            if (contractLots.Count == 0 || contractLots.Any(l => !l.Analysed && l.ClauseInstruments.Length == 0)) reasons.Add("analyse-manquante");
            if (!concession && string.IsNullOrWhiteSpace(organisation.Departement)) reasons.Add("lieu-execution-inconnu");
            if (reasons.Count > 0)
            {
                excluded.Add(new DecpExclusion(contract.Reference, reasons));
                continue;
            }

            // Union of every lot's instruments, from its relevance analysis and from its clauses (R29).
            var instruments = contractLots.SelectMany(l => l.Instruments.Concat(l.ClauseInstruments)).Distinct(StringComparer.Ordinal);
            var sociales = ConsiderationsSociales.From(instruments, contract.Kind);
            var start = contract.StartsOn ?? contract.NotifiedOn;
            var months = DecpFields.DurationMonths(start, contract.EndsOn!.Value);

            if (concession)
                concessions.Add(Concession(contract, siret, holders, sociales, start, months, publishedOn));
            else
                marches.Add(Marche(contract, organisation, siret, cpv!, holders, sociales, months, publishedOn));
        }

        var body = new JsonObject { ["marche"] = marches };
        // The schema needs "marche" or "contrat-concession": "marche" is always there, concessions when any.
        if (concessions.Count > 0) body["contrat-concession"] = concessions;
        return new DecpDocument(new JsonObject { ["marches"] = body }, marches.Count, concessions.Count, excluded);
    }

    private static JsonObject Marche(DecpContract c, DecpOrganisation organisation, string siret, string cpv,
        IReadOnlyList<string> holders, IReadOnlyList<string> sociales, int months, DateOnly publishedOn) => new()
    {
        ["id"] = c.Reference.Trim(),
        ["acheteur"] = new JsonObject { ["id"] = siret },
        ["nature"] = DecpFields.MarcheNature(c.DefenceSecurity),
        ["objet"] = c.Title.Trim(),
        ["codeCPV"] = DecpFields.CpvWithoutCheckDigit(cpv),
        ["techniques"] = new JsonObject { ["technique"] = Array(DecpFields.Technique(c.Kind)) },
        // Clauses does not record tranches, bons de commande or marchés subséquents: "Sans objet".
        ["modalitesExecution"] = new JsonObject { ["modaliteExecution"] = Array(DecpFields.SansObjet) },
        // Not recorded; innovative purchases are the exception: false.
        ["marcheInnovant"] = false,
        ["ccag"] = DecpFields.Ccag(c.Category),
        // Not recorded and the schema has no "unknown" value: a notified contract received at least one offer,
        // so 1 is the only value that is certainly true (a lower bound).
        ["offresRecues"] = 1,
        ["attributionAvance"] = DecpFields.AttributionAvance(c.AmountHt, months),
        // Clauses records one contractor company per lot, never a groupement: "Pas de groupement".
        ["typeGroupementOperateurs"] = DecpFields.PasDeGroupement,
        // Not recorded at notification: false (a declared subcontracting is then published as an acte spécial).
        ["sousTraitanceDeclaree"] = false,
        ["procedure"] = DecpFields.MarcheProcedure(c.Category, c.AmountHt, c.NotifiedOn, organisation.Kind),
        // Place of execution: the buyer's département (Clauses records no site per contract).
        ["lieuExecution"] = new JsonObject { ["code"] = organisation.Departement!.Trim(), ["typeCode"] = DecpFields.CodeDepartement },
        ["dureeMois"] = months,
        ["dateNotification"] = Date(c.NotifiedOn),
        // The file is produced for publication today; Clauses does not keep the first publication date.
        ["datePublicationDonnees"] = Date(publishedOn),
        ["montant"] = c.AmountHt,
        ["typesPrix"] = new JsonObject { ["typePrix"] = Array(DecpFields.TypePrix(months)) },
        ["formePrix"] = DecpFields.FormePrix(c.Kind),
        ["titulaires"] = new JsonArray([.. holders.Select(s => (JsonNode)new JsonObject
        {
            ["titulaire"] = new JsonObject { ["typeIdentifiant"] = DecpFields.Siret, ["id"] = s },
        })]),
        ["considerationsSociales"] = new JsonObject { ["considerationSociale"] = Array([.. sociales]) },
        // Clauses tracks social considerations only; environmental ones are not recorded here.
        ["considerationsEnvironnementales"] = new JsonObject
        {
            ["considerationEnvironnementale"] = Array(DecpFields.PasDeConsiderationEnvironnementale),
        },
    };

    private static JsonObject Concession(DecpContract c, string siret, IReadOnlyList<string> holders,
        IReadOnlyList<string> sociales, DateOnly start, int months, DateOnly publishedOn) => new()
    {
        ["id"] = c.Reference.Trim(),
        ["autoriteConcedante"] = new JsonObject { ["id"] = siret },
        ["nature"] = DecpFields.ConcessionNature(c.Category),
        ["objet"] = c.Title.Trim(),
        ["procedure"] = DecpFields.ConcessionProcedure,
        ["dureeMois"] = months,
        // Clauses records the notification date; for a concession it stands for the signature date.
        ["dateSignature"] = Date(c.NotifiedOn),
        ["datePublicationDonnees"] = Date(publishedOn),
        // The start of execution, or the notification date when no start is recorded.
        ["dateDebutExecution"] = Date(start),
        ["valeurGlobale"] = c.AmountHt,
        // Not recorded; the schema says to publish 0 when no financial advantage is granted.
        ["montantSubventionPublique"] = 0,
        ["concessionnaires"] = new JsonArray([.. holders.Select(s => (JsonNode)new JsonObject
        {
            ["concessionnaire"] = new JsonObject { ["typeIdentifiant"] = DecpFields.Siret, ["id"] = s },
        })]),
        ["considerationsSociales"] = new JsonObject { ["considerationSociale"] = Array([.. sociales]) },
        ["considerationsEnvironnementales"] = new JsonObject
        {
            ["considerationEnvironnementale"] = Array(DecpFields.PasDeConsiderationEnvironnementale),
        },
    };

    private static JsonArray Array(params string[] values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
