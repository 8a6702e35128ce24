using Clauses.Core.Common;

namespace Clauses.Core.Eligibility;

/// <summary>Who gave the motivated opinion behind a validation. Codes match eligibility_validations.prescriber_kind.</summary>
// legal-rules §3.1 (CIE84): the facilitator may validate on the "avis motivé" of France Travail, Missions locales, MDPH…; §3.2 lists other IAE prescribers.
public static class PrescriberKind
{
    public const string FranceTravail = "france_travail";
    public const string MissionLocale = "mission_locale";
    public const string CapEmploi = "cap_emploi";
    public const string Plie = "plie";
    public const string ReferentRsa = "referent_rsa";
    public const string Mdph = "mdph";
    public const string Siae = "siae";
    public const string Autre = "autre";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(FranceTravail, "France Travail"),
        new(MissionLocale, "Mission locale"),
        new(CapEmploi, "Cap emploi"),
        new(Plie, "Plan local pour l'insertion et l'emploi (PLIE)"),
        new(ReferentRsa, "Référent RSA du département"),
        new(Mdph, "Maison départementale des personnes handicapées (MDPH)"),
        new(Siae, "Structure d'insertion par l'activité économique (SIAE)"),
        new(Autre, "Autre prescripteur"),
    ]);
}
