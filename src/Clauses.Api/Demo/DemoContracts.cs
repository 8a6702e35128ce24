using System.Globalization;
using static Clauses.Api.Demo.DemoOrganisations;

namespace Clauses.Api.Demo;

internal sealed partial class DemoBuilder
{
    /// <summary>A lot of a contract spec: its trade, an optional title (services) and an optional forced outcome
    /// ("reserve_l2113_13", "marche_insertion", "clause_alternative", or "non_pertinent:reason").</summary>
    private sealed record LotSpec(string Trade, string? Title = null, string? Outcome = null);

    /// <summary>A contract: months are offsets from the anchor month (negative: past).</summary>
    private sealed record ContractSpec(
        string Code, string Org, string Category, string Title, decimal Amount, string Status, int Start, int Months,
        LotSpec[] Lots, string Kind = "marche", bool Analysed = true, bool Criterion = false, string? Preset = null);

    private static LotSpec[] Works(params string[] trades) => [.. trades.Select(t => new LotSpec(t))];

    private static LotSpec[] Services(string trade, params string[] titles) => [.. titles.Select(t => new LotSpec(trade, t))];

    private static readonly ContractSpec[] ContractSpecs =
    [
        // Métropole: the largest buyer.
        new("MET-JM", Metropole, "travaux", "Réhabilitation du groupe scolaire Jean Moulin", 4_850_000m, "en_execution", -20, 30,
            Works("gros_oeuvre", "maconnerie", "menuiserie", "plomberie", "electricite", "peinture_interieure", "carrelage")),
        new("MET-GYM", Metropole, "travaux", "Construction du gymnase intercommunal de la Soie", 6_200_000m, "en_execution", -14, 26,
            Works("gros_oeuvre", "charpente_metallique", "couverture", "menuiserie", "electricite", "plomberie", "peinture_interieure", "vrd"),
            Criterion: true),
        new("MET-MIN", Metropole, "travaux", "Requalification des espaces publics du quartier des Minguettes-Nord", 3_400_000m, "en_execution", -16, 24,
            Works("vrd", "maconnerie", "electricite"), Preset: "anru_npnru"),
        new("MET-HDM", Metropole, "travaux", "Rénovation énergétique de l'hôtel de Métropole – bâtiment B", 2_100_000m, "termine", -24, 16,
            Works("menuiserie", "plomberie", "electricite", "couverture", "peinture_interieure")),
        new("MET-MED", Metropole, "travaux", "Extension de la médiathèque du Bachut", 1_750_000m, "en_execution", -8, 18,
            Works("gros_oeuvre", "menuiserie", "electricite", "peinture_interieure")),
        new("MET-PAS", Metropole, "travaux", "Construction de la passerelle modes doux du Confluent", 11_600_000m, "attribue", 2, 30,
            Works("gros_oeuvre", "charpente_metallique", "vrd", "electricite"), Criterion: true),
        new("MET-PARC", Metropole, "travaux", "Réaménagement du parc de la Feyssine – tranche 2", 980_000m, "en_consultation", 3, 10,
            [new("vrd"), new("maconnerie"), new("nettoyage", "Nettoyage de fin de chantier", "reserve_l2113_13")]),
        new("MET-EVN", Metropole, "services", "Entretien des espaces verts du secteur Nord", 1_450_000m, "en_execution", -22, 48,
            Services("espaces_verts", "Parcs et jardins du secteur Nord", "Accompagnements de voirie du secteur Nord"), Kind: "accord_cadre"),
        new("MET-NET", Metropole, "services", "Nettoyage des locaux administratifs de la Métropole", 2_300_000m, "en_execution", -19, 48,
            Services("nettoyage", "Hôtel de Métropole et annexes", "Maisons de la Métropole", "Vitrerie")),
        new("MET-DEC", Metropole, "services", "Collecte des déchets ménagers – secteur Est", 9_600_000m, "en_execution", -30, 72,
            Services("collecte_dechets", "Collecte des ordures ménagères résiduelles", "Collecte sélective en porte-à-porte")),
        new("MET-GAR", Metropole, "services", "Gardiennage et sécurité des sites culturels", 880_000m, "en_execution", -12, 36,
            Services("gardiennage", "Gardiennage des musées et de l'auditorium")),
        new("MET-CVC", Metropole, "services", "Maintenance des installations de chauffage, ventilation et climatisation", 1_200_000m, "en_execution", -15, 48,
            Services("maintenance", "Maintenance CVC des bâtiments métropolitains"), Kind: "accord_cadre"),
        new("MET-EPI", Metropole, "fournitures", "Fourniture de vêtements de travail et d'équipements de protection", 420_000m, "en_execution", -10, 36,
            [new("textile", "Vêtements de travail et EPI", "non_pertinent:main_oeuvre_faible"),
             new("textile", "Marquage et retouches des vêtements", "reserve_l2113_12")], Kind: "accord_cadre"),
        new("MET-MIQ", Metropole, "services", "Marché d'insertion et de qualification – entretien des berges du Rhône", 650_000m, "en_execution", -13, 24,
            [new("espaces_verts", "Entretien des berges et chemins de halage", "marche_insertion")]),
        new("MET-CRE", Metropole, "travaux", "Construction de la crèche des Gratte-Ciel", 2_600_000m, "en_preparation", 5, 16,
            Works("gros_oeuvre", "menuiserie", "plomberie", "electricite", "peinture_interieure"), Analysed: false),

        // Commune.
        new("COM-JF", Commune, "travaux", "Rénovation de l'école élémentaire Jules Ferry", 1_350_000m, "en_execution", -17, 14,
            Works("maconnerie", "menuiserie", "plomberie", "electricite", "peinture_interieure", "carrelage")),
        new("COM-BUE", Commune, "travaux", "Construction de la maison de quartier des Buers", 2_900_000m, "en_execution", -11, 20,
            Works("gros_oeuvre", "charpente_metallique", "couverture", "menuiserie", "electricite", "peinture_interieure")),
        new("COM-RES", Commune, "services", "Restauration scolaire – fourniture et livraison de repas", 3_200_000m, "en_execution", -20, 48,
            Services("restauration", "Fourniture et livraison de repas en liaison froide")),
        new("COM-EV", Commune, "services", "Entretien des espaces verts et des cimetières communaux", 560_000m, "en_consultation", 3, 36,
            [new("espaces_verts", "Parcs, squares et aires de jeux"), new("espaces_verts", "Entretien des cimetières communaux", "reserve_l2113_13")],
            Criterion: true),
        new("COM-MOB", Commune, "fournitures", "Fourniture de mobilier scolaire", 240_000m, "termine", -26, 12,
            [new("mobilier", "Mobilier des écoles maternelles et élémentaires", "clause_alternative")]),
        new("COM-NET", Commune, "services", "Nettoyage des bâtiments communaux", 780_000m, "en_execution", -18, 36,
            Services("nettoyage", "Écoles et crèches", "Bâtiments administratifs et sportifs")),
        new("COM-PLA", Commune, "travaux", "Aménagement de la place de la Mairie", 890_000m, "en_preparation", 6, 10,
            Works("vrd", "maconnerie", "electricite"), Analysed: false),

        // Bailleur social.
        new("BAI-TIL", Bailleur, "travaux", "Construction de 48 logements sociaux – résidence Les Tilleuls", 7_400_000m, "en_execution", -18, 28,
            Works("gros_oeuvre", "maconnerie", "couverture", "menuiserie", "plomberie", "electricite", "peinture_interieure", "carrelage"),
            Criterion: true),
        new("BAI-MAS", Bailleur, "travaux", "Réhabilitation thermique de 120 logements – quartier du Mas du Taureau (NPNRU)", 5_600_000m, "en_execution", -15, 24,
            Works("menuiserie", "couverture", "plomberie", "electricite", "peinture_interieure"), Preset: "anru_npnru"),
        new("BAI-SAB", Bailleur, "travaux", "Résidentialisation de la cité des Sablons", 1_100_000m, "termine", -22, 12,
            Works("vrd", "maconnerie", "menuiserie")),
        new("BAI-NET", Bailleur, "services", "Nettoyage des parties communes – patrimoine Est", 1_900_000m, "en_execution", -24, 48,
            Services("nettoyage", "Secteur Vaulx-en-Velin", "Secteur Bron – Saint-Priest")),
        new("BAI-EXT", Bailleur, "services", "Entretien des espaces extérieurs des résidences", 720_000m, "en_execution", -9, 36,
            Services("espaces_verts", "Espaces extérieurs des résidences du patrimoine Est")),
        new("BAI-ASC", Bailleur, "travaux", "Remplacement des ascenseurs de 14 résidences", 1_600_000m, "attribue", 1, 14,
            [new("ascenseurs", "Remplacement des ascenseurs", "non_pertinent:prestation_specialisee")]),
        new("BAI-MAR", Bailleur, "travaux", "Réhabilitation de la résidence Les Marronniers", 3_100_000m, "en_preparation", 6, 18,
            [new("gros_oeuvre"), new("menuiserie"), new("peinture_interieure"),
             new("nettoyage", "Nettoyage de fin de chantier", "reserve_l2113_13")]),

        // Département.
        new("DEP-LM", Departement, "travaux", "Rénovation énergétique du collège Louise Michel", 3_800_000m, "en_execution", -16, 22,
            Works("menuiserie", "couverture", "plomberie", "electricite", "peinture_interieure", "charpente_metallique")),
        new("DEP-RD", Departement, "travaux", "Aménagement de la RD 906 – traversée de Tournus", 2_400_000m, "en_execution", -12, 18,
            Works("vrd", "maconnerie")),
        new("DEP-BOR", Departement, "services", "Entretien des dépendances vertes des routes départementales – secteur Bresse", 1_100_000m, "en_execution", -20, 36,
            Services("espaces_verts", "Fauchage et entretien des accotements")),
        new("DEP-RES", Departement, "services", "Restauration des collèges – secteur Sud", 2_700_000m, "en_execution", -14, 36,
            Services("restauration", "Production et livraison des repas des collèges")),
        new("DEP-GAR", Departement, "services", "Gardiennage des sites départementaux", 510_000m, "en_consultation", 4, 36,
            Services("gardiennage", "Surveillance de l'hôtel du Département et des archives"), Criterion: true),

        // Hôpital (no facilitator yet: clauses, but no hours recorded in Clauses).
        new("CHU-URG", Hopital, "travaux", "Restructuration du service des urgences", 8_900_000m, "en_execution", -10, 30,
            Works("gros_oeuvre", "menuiserie", "plomberie", "electricite", "peinture_interieure", "carrelage")),
        new("CHU-BLA", Hopital, "services", "Blanchisserie hospitalière – traitement du linge plat", 1_300_000m, "attribue", 1, 48,
            [new("blanchisserie", "Collecte, traitement et livraison du linge plat", "reserve_l2113_12")]),
        new("CHU-NET", Hopital, "services", "Nettoyage des locaux du CHU – site Confluence", 4_200_000m, "en_execution", -17, 48,
            Services("nettoyage", "Services de soins", "Locaux administratifs et logistiques")),
        new("CHU-RES", Hopital, "services", "Restauration du personnel hospitalier", 1_900_000m, "en_execution", -6, 36,
            Services("restauration", "Self du personnel et cafétéria"), Analysed: false),

        // Private buyer (voluntary clauses).
        new("PRI-GER", Prive, "travaux", "Construction d'un immeuble de bureaux – îlot Gerland", 9_800_000m, "en_execution", -13, 26,
            Works("gros_oeuvre", "charpente_metallique", "menuiserie", "electricite", "plomberie", "peinture_interieure")),
        new("PRI-GAR", Prive, "services", "Gardiennage du siège social", 260_000m, "en_execution", -8, 24,
            Services("gardiennage", "Accueil et surveillance du siège"), Analysed: false),
        new("PRI-COR", Prive, "travaux", "Réhabilitation de l'entrepôt logistique de Corbas", 1_400_000m, "termine", -20, 12,
            Works("maconnerie", "couverture", "electricite")),
    ];

    private static readonly string[] DefaultCriteria =
    [
        "deld", "detld", "rsa", "ass", "aah", "ata", "rqth", "jeune_sans_qualification", "senior_50", "parcours_iae",
        "pass_iae", "residant_qpv", "refugie", "sortant_ase", "main_justice", "epide_e2c", "avis_prescripteur",
    ];

    private static readonly string[] OptionalModalities =
        ["mise_a_disposition_ai", "sous_traitance_siae", "geiq", "formation", "interim_ett", "cotraitance_siae"];

    private const decimal HourlyCost = 30m;
    private const decimal MetropoleCleaningShare = 0.85m;

    private readonly Dictionary<string, Guid> _contractIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContractSpec> _specByContract = new(StringComparer.Ordinal);

    private Guid ContractId(string code) => _contractIds[code];

    private void AddCompanies()
    {
        foreach (var trade in DemoTrades.All)
        {
            foreach (var (name, naf) in trade.Companies)
            {
                _data.Companies.Add(new CompanyRow(DemoIds.FromName("company:" + name), _sirets.Next(Pick(['3', '4', '5', '8'])),
                    name, naf, Chance(0.8) ? "69" : Pick(["01", "38", "42", "71"])));
            }
        }

        // SIAE that won reserved lots also appear as companies (same SIRET: public registry data).
        foreach (var (name, naf) in new[] { ("ESAT Les Ateliers de la Croix-Rousse", "88.10C"), ("Entreprise adaptée Les Ateliers du Confluent", "82.92Z") })
        {
            var siae = SiaeNamed(name);
            _data.Companies.Add(new CompanyRow(DemoIds.FromName("company:" + name), siae.Siret, name, naf, siae.Postcode[..2]));
        }

        var met = Org(Metropole);
        _data.LabourShareOverrides.Add(new LabourShareOverrideRow(met.Id, "nettoyage", MetropoleCleaningShare,
            "Délibération du conseil de la Métropole – barème de la propreté (part de main-d'œuvre observée sur les marchés 2021-2023)",
            BuyerId(Metropole)));
    }

    private static string ContractCpv(ContractSpec spec) => spec switch
    {
        { Category: not "travaux" } => DemoTrades.Get(spec.Lots[0].Trade).Cpv,
        { Lots: [{ Trade: "vrd" }, ..] } => "45233140-2",
        _ when spec.Title.Contains("logements", StringComparison.Ordinal) => "45211000-9",
        _ when spec.Title.StartsWith("Construction", StringComparison.Ordinal) => "45210000-2",
        _ => "45000000-7",
    };

    private CompanyRow CompanyNamed(string name) => _data.Companies.Single(c => c.Name == name);

    private void AddContracts()
    {
        var sequence = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var spec in ContractSpecs)
        {
            var org = Org(spec.Org);
            var started = spec.Status is "en_execution" or "termine" or "attribue";
            var startsOn = Month(spec.Start);
            var endsOn = EndOfMonth(Month(spec.Start + spec.Months - 1));
            DateOnly? notifiedOn = started ? startsOn.AddMonths(-1).AddDays(_rng.Next(5, 25)) : null;
            if (spec.Status == "attribue")
            {
                notifiedOn = Month(-1).AddDays(_rng.Next(3, 20));
            }

            var code = spec.Category switch { "travaux" => "TRX", "services" => "SRV", _ => "FRN" };
            var next = sequence.GetValueOrDefault(spec.Org + code, spec.Org == Metropole ? 9 : 2) + _rng.Next(1, 5);
            sequence[spec.Org + code] = next;
            var referenceYear = startsOn.AddMonths(-5).Year;
            var reference = string.Create(CultureInfo.InvariantCulture, $"{referenceYear}-{code}-{next:000}");

            var amount = Math.Round(spec.Amount * Between(0.94m, 1.06m), 2);
            var contract = new ContractRow(DemoIds.FromName("contract:" + spec.Code), org.Id, reference, spec.Title, spec.Kind,
                spec.Category, spec.Status, ContractCpv(spec), amount, notifiedOn, startsOn, endsOn, BuyerId(spec.Org));
            _data.Contracts.Add(contract);
            _contractIds[spec.Code] = contract.Id;
            _specByContract[spec.Code] = spec;
            AddLots(spec, contract, started);
        }
    }

    private void AddLots(ContractSpec spec, ContractRow contract, bool awarded)
    {
        var weights = spec.Lots.Select(l => DemoTrades.Get(l.Trade).Weight * Between(0.8m, 1.2m)).ToArray();
        var total = weights.Sum();
        var analysedAt = contract.NotifiedOn is { } notified
            ? Utc(notified.AddMonths(-3), 10)
            : Utc(spec.Status == "en_consultation" ? Month(-2).AddDays(8) : Month(0).AddDays(-9), 14);

        for (var i = 0; i < spec.Lots.Length; i++)
        {
            var lotSpec = spec.Lots[i];
            var trade = DemoTrades.Get(lotSpec.Trade);
            var amount = Math.Floor(contract.AmountHt * weights[i] / total * 100m) / 100m;
            var number = i + 1;
            var title = lotSpec.Title ?? trade.Label;
            CompanyRow? contractor = null;
            if (awarded)
            {
                contractor = lotSpec.Outcome == "reserve_l2113_12"
                    ? CompanyNamed(spec.Code == "CHU-BLA" ? "ESAT Les Ateliers de la Croix-Rousse" : "Entreprise adaptée Les Ateliers du Confluent")
                    : CompanyNamed(Pick(trade.Companies).Name);
            }
            var lot = new LotRow(DemoIds.FromName($"lot:{spec.Code}:{number}"), contract.OrganisationId, contract, number, title,
                trade.Code, trade.Cpv, amount, contractor);
            _data.Lots.Add(lot);
            if (spec.Analysed)
            {
                AddAnalysisAndClauses(spec, lot, lotSpec, analysedAt);
            }
        }
    }

    private void AddAnalysisAndClauses(ContractSpec spec, LotRow lot, LotSpec lotSpec, DateTime analysedAt)
    {
        var buyer = BuyerId(spec.Org);
        var outcome = lotSpec.Outcome ?? (lot.AmountHt < 90_000m ? "non_pertinent:montant_faible" : "clause_execution");
        var threshold = spec.Category == "travaux" ? 5_538_000m : 221_000m;
        var loiClimat = DateOnly.FromDateTime(analysedAt) >= new DateOnly(2026, 8, 22) && lot.Contract.AmountHt >= threshold;

        if (outcome.StartsWith("non_pertinent:", StringComparison.Ordinal))
        {
            var reason = outcome["non_pertinent:".Length..];
            var comment = reason switch
            {
                "montant_faible" => "Montant du lot trop faible pour un volume d'heures significatif.",
                "main_oeuvre_faible" => "Fourniture de produits finis : part de main-d'œuvre locale négligeable.",
                "prestation_specialisee" => "Intervention d'ascensoristes habilités : pas de poste accessible à un public en insertion.",
                _ => null,
            };
            _data.Analyses.Add(new AnalysisRow(DemoIds.FromName("analysis:" + lot.Id), lot.OrganisationId, lot.Id, "non_pertinent", [],
                reason, comment, loiClimat, buyer, analysedAt));
            return;
        }

        var instruments = new List<string> { outcome };
        if (outcome == "clause_execution" && spec.Criterion)
        {
            instruments.Add("critere_attribution");
        }
        _data.Analyses.Add(new AnalysisRow(DemoIds.FromName("analysis:" + lot.Id), lot.OrganisationId, lot.Id, "pertinent", [.. instruments],
            null, outcome == "clause_alternative" ? "Recrutement peu probable sur une fourniture : actions de découverte des métiers et PMSMP." : null,
            loiClimat, buyer, analysedAt));

        foreach (var instrument in instruments)
        {
            _data.Clauses.Add(instrument switch
            {
                "clause_execution" or "marche_insertion" => SizedClause(spec, lot, instrument),
                "critere_attribution" => BareClause(spec, lot, instrument) with { AwardWeight = Pick([10m, 12m, 15m]) },
                "clause_alternative" => BareClause(spec, lot, instrument) with
                {
                    SizingMode = "heures_fixes", TargetHours = 70m, AllowedModalities = ["formation", "embauche_directe"],
                    EligibleCriteria = DefaultCriteria, FacilitatorUserId = FacilitatorId(spec.Org), ReportingFrequency = "semestrielle",
                },
                _ => BareClause(spec, lot, instrument),
            });
        }
    }

    private ClauseRow BareClause(ContractSpec spec, LotRow lot, string instrument) =>
        new(DemoIds.FromName($"clause:{lot.Id}:{instrument}"), lot.OrganisationId, lot, instrument, null, null, null, null, null, null,
            null, null, null, null, null, [], [], null, null, BuyerId(spec.Org));

    // R1: hours = amount × labour share × rate ÷ hourly cost, rounded half-up to the hour.
    private ClauseRow SizedClause(ContractSpec spec, LotRow lot, string instrument)
    {
        var trade = DemoTrades.Get(lot.Trade);
        var (share, source) = spec.Org == Metropole && trade.Code == "nettoyage"
            ? (MetropoleCleaningShare, "organisation")
            : (trade.LabourShare, trade.ShareSource);
        var rate = instrument == "marche_insertion" ? 0.60m
            : spec.Preset is not null ? Pick([0.05m, 0.07m, 0.10m])
            : Pick([0.05m, 0.05m, 0.06m, 0.07m, 0.08m, 0.10m]);
        var target = Math.Round(lot.AmountHt * share * rate / HourlyCost, 0, MidpointRounding.AwayFromZero);
        var penalty = Pick([30m, 35m, 40m, 45m, 50m, 60m]);
        var modalities = new List<string> { "embauche_directe", "interim_etti" };
        modalities.AddRange(OptionalModalities.Where(_ => Chance(0.55)));
        if (!modalities.Contains("mise_a_disposition_ai") && !modalities.Contains("sous_traitance_siae"))
        {
            modalities.Add("sous_traitance_siae");
        }

        return BareClause(spec, lot, instrument) with
        {
            // One clause expressed as a share of the hours actually worked (target re-estimated from declarations).
            SizingMode = spec.Code == "MET-DEC" && lot.Number == 2 ? "pourcentage_heures" : "heures_fixes",
            AmountHt = lot.AmountHt,
            LabourShare = share,
            LabourShareSource = source,
            InsertionRate = rate,
            HourlyCost = HourlyCost,
            TargetHours = target,
            Preset = spec.Preset,
            PenaltyPerHour = penalty,
            PenaltyCap = Math.Max(1_000m, Math.Round(lot.AmountHt * 0.05m / 100m, 0, MidpointRounding.AwayFromZero) * 100m),
            EligibleCriteria = DefaultCriteria,
            AllowedModalities = [.. modalities],
            FacilitatorUserId = FacilitatorId(spec.Org),
            ReportingFrequency = Chance(0.8) ? "mensuelle" : "trimestrielle",
        };
    }
}
