using Clauses.Core.Common;
using Clauses.Core.Eligibility;

namespace Clauses.Core.Sizing;

/// <summary>A sizing preset: the minimum insertion rate it imposes and, where it restricts them, the eligible public
/// (an <see cref="Criterion"/> code).</summary>
public sealed record PresetTerm(string Code, string Label, decimal MinRate, string? RequiredPublic, string Explanation) : ITerm;

/// <summary>Presets imposed by a funder or a legal regime. Codes match the database CHECK constraint (clauses.preset).</summary>
public static class SizingPreset
{
    public const string AnruNpnru = "anru_npnru";
    public const string AnruGup = "anru_gup";
    public const string OutreMer = "outre_mer_l2691_1";

    public static Vocabulary<PresetTerm> Terms { get; } = new Vocabulary<PresetTerm>(
    [
        // R5 (legal-rules §7, §2.2): ANRU NPNRU charter, ≥ 5 % of hours worked on financed works and engineering, QPV residents.
        new(AnruNpnru, "ANRU – NPNRU (travaux et ingénierie)", 0.05m, Criterion.ResidantQpv,
            "La charte nationale d'insertion du NPNRU impose de réserver au moins 5\u00A0% des heures travaillées sur les opérations "
            + "financées par l'ANRU (travaux et ingénierie nécessaire aux travaux) aux habitants des quartiers prioritaires de la politique de la ville (QPV)."),
        // R5 (legal-rules §7, §2.2): same NPNRU charter, ≥ 10 % of hours worked on GUP contracts; the charter's public (QPV residents) applies to GUP too.
        new(AnruGup, "ANRU – gestion urbaine de proximité (GUP)", 0.10m, Criterion.ResidantQpv,
            "La charte nationale d'insertion du NPNRU impose de réserver au moins 10\u00A0% des heures travaillées sur les marchés "
            + "de gestion urbaine de proximité (GUP) aux habitants des quartiers prioritaires de la politique de la ville (QPV)."),
        // R6 (legal-rules §7, §1.8): L2691-1 / R2691-1, ≥ 30 % of hours by people under 25; the 1.5× youth-unemployment condition is a declared fact.
        new(OutreMer, "Outre-mer – emploi des jeunes (article L2691-1)", 0.30m, null,
            "En Guadeloupe, Guyane, Martinique, à La Réunion, à Mayotte, à Saint-Barthélemy, à Saint-Martin et à Saint-Pierre-et-Miquelon, "
            + "lorsque le taux de chômage des moins de 25 ans atteint au moins 1,5 fois le taux national, l'acheteur peut exiger "
            + "qu'au moins 30\u00A0% des heures nécessaires à l'exécution du marché soient réalisées par des jeunes de moins de 25 ans "
            + "(articles L2691-1 et R2691-1). La condition de chômage est déclarée par l'acheteur."),
    ]);
}
