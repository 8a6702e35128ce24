using Clauses.Core.Siae;

namespace Clauses.Core.Eligibility;

/// <summary>Optional IAE-eligibility check (PASS IAE), as the State's platform les emplois de l'inclusion applies it.</summary>
public static class IaeEligibility
{
    /// <summary>Criteria of which one is enough: RSA, ASS, AAH, DETLD.</summary>
    // R18 (legal-rules §7; les-emplois administrative_criteria.json): level-1 criteria.
    public static IReadOnlyCollection<string> Level1 { get; } = Array.AsReadOnly([Criterion.Rsa, Criterion.Ass, Criterion.Aah, Criterion.Detld]);

    /// <summary>Criteria of the default list that are level-2 IAE criteria (DELD, TH, young, senior, QPV, refugee, ASE, justice).
    /// The other criteria of the list (ATA, IAE pathway, PASS IAE, EPIDE/E2C, prescriber's opinion) are neither level.</summary>
    // legal-rules §3.2 (les-emplois enums.py): level-2 criteria mapped onto the clause list's codes.
    public static IReadOnlyCollection<string> Level2 { get; } = Array.AsReadOnly(
    [
        Criterion.Deld, Criterion.Rqth, Criterion.JeuneSansQualification, Criterion.Senior50,
        Criterion.ResidantQpv, Criterion.Refugie, Criterion.SortantAse, Criterion.MainJustice,
    ]);

    /// <summary>Number of level-2 criteria needed without a level-1 criterion: 2 for AI and ETTI, 3 for ACI, EI and EITI;
    /// null for the other kinds (the check does not apply).</summary>
    // R18 (legal-rules §7; les-emplois ADMINISTRATIVE_CRITERIA_LEVEL_2_REQUIRED_FOR_SIAE_KIND): AI/ETTI 2, ACI/EI/EITI 3.
    public static int? RequiredLevel2(string? siaeKind) => siaeKind switch
    {
        SiaeKind.Ai or SiaeKind.Etti => 2,
        SiaeKind.Aci or SiaeKind.Ei or SiaeKind.Eiti => 3,
        _ => null,
    };

    /// <summary>True with ≥ 1 level-1 criterion or enough distinct level-2 criteria for <paramref name="siaeKind"/>;
    /// <paramref name="reason"/> explains the outcome in French. False when the check does not apply to the kind.</summary>
    // R18 (legal-rules §7): ≥ 1 level-1 criterion OR ≥ N level-2 criteria (N = 2 for AI/ETTI, 3 for ACI/EI/EITI).
    public static bool IsEligible(IReadOnlyCollection<string> criteria, string siaeKind, out string reason)
    {
        criteria ??= [];
        if (RequiredLevel2(siaeKind) is not { } required)
        {
            reason = $"Le contrôle d'éligibilité IAE ne s'applique qu'aux AI, ETTI, ACI, EI et EITI (structure « {siaeKind} »).";
            return false;
        }

        if (criteria.FirstOrDefault(Level1.Contains) is { } level1)
        {
            reason = $"Éligible à l'IAE : critère de niveau 1 « {level1} ».";
            return true;
        }

        var level2 = criteria.Where(Level2.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (level2.Count >= required)
        {
            reason = $"Éligible à l'IAE : {level2.Count} critères de niveau 2 ({string.Join(", ", level2)}) pour {required} requis en {siaeKind}.";
            return true;
        }

        reason = $"Non éligible à l'IAE : aucun critère de niveau 1 et {level2.Count} critère{(level2.Count > 1 ? "s" : "")} de niveau 2 sur les {required} requis en {siaeKind}.";
        return false;
    }
}
