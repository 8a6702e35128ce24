using Clauses.Core.Common;

namespace Clauses.Core.Hours;

/// <summary>An exit outcome and whether it is durable employment.</summary>
public sealed record ExitOutcomeTerm(string Code, string Label, bool IsDurableEmployment) : ITerm;

/// <summary>Situation of a participant at exit (sortie). Codes match the database CHECK constraint.</summary>
public static class ExitOutcome
{
    public const string Cdi = "cdi";
    public const string Cdd6MoisPlus = "cdd_6_mois_plus";
    public const string CddMoins6Mois = "cdd_moins_6_mois";
    public const string Interim = "interim";
    public const string FormationQualifiante = "formation_qualifiante";
    public const string CreationEntreprise = "creation_entreprise";
    public const string DemandeurEmploi = "demandeur_emploi";
    public const string Inactif = "inactif";
    public const string Inconnu = "inconnu";

    // Default definition of "emploi durable" = CDI or CDD of 6 months or more (DOMAIN §5; configurable per organisation).
    public static Vocabulary<ExitOutcomeTerm> Terms { get; } = new Vocabulary<ExitOutcomeTerm>(
    [
        new(Cdi, "CDI", true),
        new(Cdd6MoisPlus, "CDD de 6 mois ou plus", true),
        new(CddMoins6Mois, "CDD de moins de 6 mois", false),
        new(Interim, "Intérim", false),
        new(FormationQualifiante, "Formation qualifiante", false),
        new(CreationEntreprise, "Création d'entreprise", false),
        new(DemandeurEmploi, "Demandeur d'emploi", false),
        new(Inactif, "Inactif", false),
        new(Inconnu, "Inconnu", false),
    ]);

    /// <summary>True for any employment, durable or not: CDI, CDD of any length, temporary work, business creation (seed 004
    /// fiche 31 counts "81 contrats" among 250 exits); false for training, job seeking, inactivity and unknown codes.</summary>
    public static bool IsEmployment(string? code) => code is Cdi or Cdd6MoisPlus or CddMoins6Mois or Interim or CreationEntreprise;

    /// <summary>True for the default durable outcomes (CDI, CDD ≥ 6 months); false for other or unknown codes.</summary>
    public static bool IsDurableEmployment(string? code) => Terms.Find(code)?.IsDurableEmployment ?? false;
}
