using Clauses.Core.Sizing;

namespace Clauses.Core.Hours;

/// <summary>Where a clause stands: completion rate, hours still due and the penalty they would cost.</summary>
/// <param name="Rate">valid ÷ target, rounded to 4 decimals (0.3240 = 32.40 %); 0 when the target is 0. May exceed 1.</param>
/// <param name="HoursStillDue">max(0, target − valid): what the contractor still owes while the contract runs.</param>
/// <param name="MissingHours">The same quantity as the penalty's base, at the end of the contract.</param>
/// <param name="Penalty">Missing hours × penalty per hour, to the cent, capped (0 € without a penalty amount).</param>
/// <param name="PenaltyCapped">True when the contract's ceiling reduced the penalty.</param>
public sealed record Fulfilment(decimal TargetHours, decimal ValidHours, decimal Rate, decimal HoursStillDue, decimal MissingHours, decimal Penalty, bool PenaltyCapped);

/// <summary>Completion of an insertion clause.</summary>
public static class FulfilmentRules
{
    /// <summary>Completion and penalty of a clause. A null penalty per hour means no penalty; a null cap, no ceiling.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative.</exception>
    // R25 (legal-rules §7): taux = valides ÷ H; manquantes = max(0, H − valides); pénalité = manquantes × montant unitaire, plafonnée.
    public static Fulfilment Compute(decimal targetHours, decimal validHours, decimal? penaltyPerHour, decimal? penaltyCap)
    {
        var penalty = Penalties.Compute(targetHours, validHours, penaltyPerHour, penaltyCap);
        var rate = targetHours == 0m ? 0m : decimal.Round(validHours / targetHours, 4, MidpointRounding.AwayFromZero);
        return new Fulfilment(targetHours, validHours, rate, penalty.MissingHours, penalty.MissingHours, penalty.Penalty, penalty.Capped);
    }
}
