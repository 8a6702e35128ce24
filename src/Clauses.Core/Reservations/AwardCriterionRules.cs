using Clauses.Core.Common;

namespace Clauses.Core.Reservations;

/// <summary>Checks of an award criterion on insertion (R11).</summary>
public static class AwardCriterionRules
{
    /// <summary>Weight upheld by the Conseil d'État for an insertion criterion, in %.</summary>
    // R11 (legal-rules §1.2): CE, 25 mars 2013, Département de l'Isère, n° 364950 — 15 % upheld.
    public const decimal UpheldWeightPercent = 15m;

    /// <summary>Checks the weight of an insertion criterion (field "awardWeight"): required in a formal procedure,
    /// otherwise optional; when given, 0 &lt; w ≤ 100 with at most two decimals (clauses.award_weight numeric(5,2)).</summary>
    // R11 (legal-rules §1.2): R2152-7 criterion; in a formal procedure criteria are weighted (R2152-12).
    public static ValidationErrors Validate(decimal? weightPercent, bool formalProcedure)
    {
        var errors = new ValidationErrors();
        if (weightPercent is not { } w)
        {
            if (formalProcedure)
            {
                errors.Add("awardWeight",
                    "En procédure formalisée, le critère d'insertion doit être pondéré (R2152-12) : indiquez sa pondération en pourcentage.");
            }

            return errors;
        }

        if (w <= 0 || w > 100)
        {
            errors.Add("awardWeight", "La pondération du critère doit être supérieure à 0\u00A0% et au plus égale à 100\u00A0%.");
        }
        else if (decimal.Round(w, 2) != w)
        {
            errors.Add("awardWeight", "La pondération du critère ne peut pas avoir plus de deux décimales.");
        }

        return errors;
    }
}
