using Clauses.Core.Common;

namespace Clauses.Core.Spar;

/// <summary>A SPAR/SPASER indicator: what is counted, over which base, in which unit, and where it comes from.</summary>
/// <param name="Code">Wire code, byte-identical to the spar_targets.indicator CHECK constraint.</param>
/// <param name="Label">Short French label for the dashboard.</param>
/// <param name="Definition">One French sentence saying exactly what is counted and over what, ending with its base.</param>
/// <param name="Base">An <see cref="IndicatorBase"/> code.</param>
/// <param name="Unit">An <see cref="IndicatorUnit"/> code, the unit a director's target is entered in.</param>
/// <param name="Source">Where the indicator comes from (seed 004 fiche 31/32, L2111-3, PNAD 2022-2025).</param>
public sealed record IndicatorTerm(string Code, string Label, string Definition, string Base, string Unit, string Source) : ITerm;

/// <summary>The indicators a director can set a yearly target on (DOMAIN §7). Codes match the spar_targets.indicator CHECK constraint.</summary>
public static class Indicator
{
    public const string HeuresInsertion = "heures_insertion";
    public const string HeuresMarchesReserves = "heures_marches_reserves";
    public const string Participants = "participants";
    public const string PartFemmes = "part_femmes";
    public const string PartRsa = "part_rsa";
    public const string TauxSortiesEmploi = "taux_sorties_emploi";
    public const string ContratsAnalyses = "contrats_analyses";
    public const string PartContratsConsiderationSociale = "part_contrats_consideration_sociale";
    public const string MarchesReservesNombre = "marches_reserves_nombre";
    public const string MarchesReservesMontant = "marches_reserves_montant";
    public const string PartenariatsSiae = "partenariats_siae";

    private const string Fiche31 = "Seed 004, fiche 31 « Mettre en place et déployer un Schéma de Promotion des Achats Responsables (SPAR) »";
    private const string Fiche32 = "Seed 004, fiche 32 (SIAE et marchés réservés)";

    // DOMAIN §7, seed 004 fiches 31 & 32 (2020 baselines of the Métropole de Lyon quoted in the sources),
    // L2111-3 (SPASER) and PNAD 2022-2025 (30 % of contracts with a social consideration by 2025).
    public static Vocabulary<IndicatorTerm> Terms { get; } = new Vocabulary<IndicatorTerm>(
    [
        new(HeuresInsertion, "Heures d'insertion réalisées",
            "Nombre d'heures d'insertion réalisées et validées dans l'année au titre des clauses sociales, tous marchés et instruments confondus (base : heures).",
            IndicatorBase.Heures, IndicatorUnit.Heures,
            Fiche31 + " : 436 342 heures pour la Métropole de Lyon en 2020, 1 million d'heures sur le territoire ; L2111-3 (SPASER)."),
        new(HeuresMarchesReserves, "Heures d'insertion dans les marchés réservés",
            "Nombre d'heures d'insertion réalisées et validées dans l'année par des SIAE dans l'exécution de marchés réservés (base : heures).",
            IndicatorBase.Heures, IndicatorUnit.Heures,
            Fiche32 + " : 140 272 heures réalisées en 2020 par des SIAE dans les marchés réservés de la Métropole de Lyon."),
        new(Participants, "Participants",
            "Nombre de personnes distinctes ayant travaillé sur une clause dans l'année, chaque personne comptée une seule fois quel que soit le nombre de contrats (base : personnes).",
            IndicatorBase.Personnes, IndicatorUnit.Nombre,
            Fiche31 + " ; règle R27 (participants distincts)."),
        new(PartFemmes, "Part de femmes",
            "Part des personnes distinctes ayant travaillé sur une clause dans l'année qui sont des femmes (base : personnes).",
            IndicatorBase.Personnes, IndicatorUnit.Pourcentage,
            Fiche31 + " : « 32 % de femmes sur tous marchés confondus » en 2020."),
        new(PartRsa, "Part d'allocataires du RSA",
            "Part des personnes distinctes ayant travaillé sur une clause dans l'année qui sont allocataires du RSA (base : personnes).",
            IndicatorBase.Personnes, IndicatorUnit.Pourcentage,
            Fiche31 + " : 35 % de BRSA sur l'ensemble des marchés en 2020 (25 % sur les marchés avec clauses, 41 % sur les marchés réservés)."),
        new(TauxSortiesEmploi, "Taux de sorties en emploi",
            "Part des personnes sorties de parcours dans l'année dont la sortie est un emploi, par défaut un emploi durable (CDI ou CDD de 6 mois ou plus), définition paramétrable (base : personnes).",
            IndicatorBase.Personnes, IndicatorUnit.Pourcentage,
            Fiche31 + " : « 32 % des sorties en emploi (pour 250 sorties, 81 contrats) » en 2020 ; règle R27."),
        new(ContratsAnalyses, "Marchés analysés",
            "Part des marchés notifiés dans l'année dont l'opportunité d'une clause sociale a été analysée (base : marchés).",
            IndicatorBase.Contrats, IndicatorUnit.Pourcentage,
            Fiche31 + " : analyser tous les marchés (cible 100 %)."),
        new(PartContratsConsiderationSociale, "Part des marchés avec une considération sociale",
            "Part des marchés notifiés dans l'année d'un montant d'au moins 40 000 € HT (90 000 € HT pour comparer avec le recensement OECP) qui comportent au moins une considération sociale : clause sociale, critère social ou marché réservé (base : marchés).",
            IndicatorBase.Contrats, IndicatorUnit.Pourcentage,
            "PNAD 2022-2025 : 30 % des marchés avec une considération sociale en 2025 ; article L2111-3 (SPASER) ; règle R28."),
        new(MarchesReservesNombre, "Nombre de marchés réservés",
            "Nombre de marchés réservés (articles L2113-12, L2113-13, L2113-13-1 et L2113-15) notifiés dans l'année (base : marchés).",
            IndicatorBase.Contrats, IndicatorUnit.Nombre,
            Fiche32 + " : « Progression des marchés publics réservés aux SIAE : nombre de marchés et montants alloués »."),
        new(MarchesReservesMontant, "Montant des marchés réservés",
            "Somme des montants hors taxes des marchés réservés notifiés dans l'année (base : euros HT).",
            IndicatorBase.Euros, IndicatorUnit.Euros,
            Fiche32 + " : « Progression des marchés publics réservés aux SIAE : nombre de marchés et montants alloués »."),
        new(PartenariatsSiae, "Partenariats avec des SIAE",
            "Nombre de marchés clausés en exécution dans l'année sur lesquels l'entreprise attributaire a noué un partenariat réel avec une SIAE : sous-traitance, cotraitance ou mise à disposition (base : marchés).",
            IndicatorBase.Contrats, IndicatorUnit.Nombre,
            Fiche31 + " : « nombre de partenariats réels avec les entreprises attributaires des marchés » ; " + Fiche32 + "."),
    ]);

    public const string PartHeuresSiae = "part_heures_siae";
    public const string TauxRealisation = "taux_realisation";
    public const string HeuresRestantDues = "heures_restant_dues";
    public const string PenalitesExposees = "penalites_exposees";
    public const string CriteresInsertion = "criteres_insertion";
    public const string ClausesInnovantes = "clauses_innovantes";

    /// <summary>Indicators the dashboards show without a yearly target (DOMAIN §7): SIAE share, clause fulfilment and what is
    /// still due, and the instruments beyond the execution clause.</summary>
    public static Vocabulary<IndicatorTerm> Monitoring { get; } = new Vocabulary<IndicatorTerm>(
    [
        new(PartHeuresSiae, "Part des heures réalisées par des SIAE",
            "Part des heures d'insertion de l'année réalisées par une SIAE : intérim d'insertion (ETTI), mise à disposition par une association intermédiaire, sous-traitance ou cotraitance avec une SIAE (base : heures).",
            IndicatorBase.Heures, IndicatorUnit.Pourcentage, Fiche32 + " ; règle R21 (modalités)."),
        new(TauxRealisation, "Taux de réalisation des clauses",
            "Heures réalisées depuis le début d'exécution ÷ heures exigées, sur les clauses horaires des marchés en exécution dans l'année (base : heures).",
            IndicatorBase.Heures, IndicatorUnit.Pourcentage, "Règle R25 : taux de réalisation = heures réalisées valides ÷ heures exigées."),
        new(HeuresRestantDues, "Heures restant dues",
            "Somme, sur les clauses horaires des marchés en exécution dans l'année, des heures exigées non encore réalisées (base : heures).",
            IndicatorBase.Heures, IndicatorUnit.Heures, "Règle R25 : heures restant dues = max(0, H − heures réalisées)."),
        new(PenalitesExposees, "Pénalités encourues",
            "Somme des pénalités que les titulaires encourraient si l'exécution s'arrêtait aujourd'hui, selon le montant par heure manquante et le plafond de chaque clause (base : euros HT).",
            IndicatorBase.Euros, IndicatorUnit.Euros, "Règle R26 : pénalité = heures manquantes × montant par heure, dans la limite du plafond."),
        new(CriteresInsertion, "Critères d'insertion",
            "Nombre de lots des marchés notifiés dans l'année dont l'attribution comporte un critère de performance en matière d'insertion (base : marchés).",
            IndicatorBase.Contrats, IndicatorUnit.Nombre, Fiche31 + " ; article R2152-7 (critère social)."),
        new(ClausesInnovantes, "Clauses « innovantes »",
            "Nombre de lots des marchés notifiés dans l'année qui sont des marchés d'insertion (R2123-1) ou portent une clause alternative (base : marchés).",
            IndicatorBase.Contrats, IndicatorUnit.Nombre, Fiche31 + " : développer les clauses innovantes."),
    ]);

    /// <summary>Errors of a director's target (fields indicator, year, targetValue, unit), mirroring the spar_targets CHECK
    /// constraints: a known indicator, a year between 2015 and 2100, a value ≥ 0 with at most 2 decimals, the indicator's own unit,
    /// and at most 100 for a percentage.</summary>
    // DOMAIN §7: targets are entered by directors per organisation and year.
    public static ValidationErrors ValidateTarget(string? indicator, int? year, decimal? targetValue, string? unit)
    {
        var errors = new ValidationErrors();
        TextRules.KnownCode(errors, "indicator", indicator, Terms, "l'indicateur");
        if (year is not { } y)
        {
            errors.Add("year", "L'année est obligatoire.");
        }
        else if (y is < 2015 or > 2100)
        {
            errors.Add("year", $"L'année doit être comprise entre 2015 et 2100 (reçu : {y}).");
        }

        if (targetValue is not { } value)
        {
            errors.Add("targetValue", "La valeur cible est obligatoire.");
        }
        else if (value < 0m)
        {
            errors.Add("targetValue", "La valeur cible ne peut pas être négative.");
        }
        else if (decimal.Round(value, 2) != value)
        {
            errors.Add("targetValue", "La valeur cible ne peut pas avoir plus de 2 décimales.");
        }

        TextRules.KnownCode(errors, "unit", unit, IndicatorUnit.Terms, "l'unité");
        if (Terms.Find(indicator) is { } term && IndicatorUnit.Terms.IsKnown(unit) && !string.Equals(unit, term.Unit, StringComparison.Ordinal))
        {
            errors.Add("unit", $"L'unité de l'indicateur « {term.Label} » est « {term.Unit} » (reçu : « {unit} »).");
        }

        if (string.Equals(unit, IndicatorUnit.Pourcentage, StringComparison.Ordinal) && targetValue > 100m)
        {
            errors.Add("targetValue", "Un pourcentage cible ne peut pas dépasser 100.");
        }

        return errors;
    }
}
