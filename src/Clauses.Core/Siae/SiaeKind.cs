using Clauses.Core.Common;

namespace Clauses.Core.Siae;

/// <summary>A kind of inclusive structure and whether its hours/amounts count as "through an SIAE" for a clause.</summary>
public sealed record SiaeKindTerm(string Code, string Label, bool CountsTowardClause) : ITerm;

/// <summary>Kinds of SIAE and equivalent structures (as Le Marché de l'inclusion names them). Upper-case codes match the database.</summary>
public static class SiaeKind
{
    public const string Ei = "EI";
    public const string Etti = "ETTI";
    public const string Ai = "AI";
    public const string Aci = "ACI";
    public const string Eiti = "EITI";
    public const string Geiq = "GEIQ";
    public const string Ea = "EA";
    public const string Eatt = "EATT";
    public const string Esat = "ESAT";

    // Code du travail L5132-1 ff. (SIAE), L5213-13 (EA), CASF L344-2 (ESAT); counting per DOMAIN §6.
    // EITI is excluded by prudence (independent workers, no employment contract).
    // GEIQ is not an SIAE: its placements count through the "geiq" modality (Hours.Modality), not as SIAE hours.
    public static Vocabulary<SiaeKindTerm> Terms { get; } = new Vocabulary<SiaeKindTerm>(
    [
        new(Ei, "Entreprise d'insertion", true),
        new(Etti, "Entreprise de travail temporaire d'insertion", true),
        new(Ai, "Association intermédiaire", true),
        new(Aci, "Atelier et chantier d'insertion", true),
        new(Eiti, "Entreprise d'insertion par le travail indépendant", false),
        new(Geiq, "Groupement d'employeurs pour l'insertion et la qualification", false),
        new(Ea, "Entreprise adaptée", true),
        new(Eatt, "Entreprise adaptée de travail temporaire", true),
        new(Esat, "Établissement et service d'aide par le travail", true),
    ]);

    /// <summary>True when work through this kind counts toward a clause as SIAE work; false for EITI, GEIQ and unknown codes.</summary>
    public static bool CountsTowardClause(string? code) => Terms.Find(code)?.CountsTowardClause ?? false;
}
