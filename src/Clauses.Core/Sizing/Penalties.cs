namespace Clauses.Core.Sizing;

/// <summary>Hours missing at the end of a clause and the penalty they cost.</summary>
/// <param name="MissingHours">max(0, target − valid hours).</param>
/// <param name="Penalty">Missing hours × unit amount, in euros rounded to the cent, capped at the ceiling.</param>
/// <param name="Capped">True when the ceiling reduced the penalty.</param>
public sealed record PenaltyResult(decimal MissingHours, decimal Penalty, bool Capped);

/// <summary>Completion and penalty of an insertion clause.</summary>
public static class Penalties
{
    /// <summary>Missing hours and penalty. A null unit amount means the contract sets no penalty (0 €);
    /// a null cap means no ceiling.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative.</exception>
    // DOMAIN §3 / R25 (legal-rules §7): missing = max(0, target − valid); penalty = missing × unit amount, capped at the contract's ceiling (no legal default).
    public static PenaltyResult Compute(decimal targetHours, decimal validHours, decimal? unitAmount, decimal? cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetHours);
        ArgumentOutOfRangeException.ThrowIfNegative(validHours);
        if (unitAmount is { } u)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(u, nameof(unitAmount));
        }

        if (cap is { } c)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(cap));
        }

        var missing = HoursStillDue(targetHours, validHours);
        // Amounts are numeric(14,2): the penalty is rounded to the cent, half away from zero.
        var penalty = unitAmount is { } unit ? decimal.Round(missing * unit, 2, MidpointRounding.AwayFromZero) : 0m;
        if (cap is { } ceiling && penalty > ceiling)
        {
            return new PenaltyResult(missing, ceiling, true);
        }

        return new PenaltyResult(missing, penalty, false);
    }

    /// <summary>Hours the contractor still owes: max(0, target − valid hours).</summary>
    // R25 (legal-rules §7): heures_manquantes = max(0, H − heures_réalisées_valides).
    public static decimal HoursStillDue(decimal targetHours, decimal validHours) =>
        Math.Max(0m, targetHours - validHours);

    /// <summary>Target of a clause stated as a % of hours worked: declared total × rate, rounded per <paramref name="roundingMode"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The total is negative or the rate is not in ]0, 1].</exception>
    /// <exception cref="ArgumentException">The rounding mode is unknown.</exception>
    // R2 (legal-rules §7): required hours = hours actually worked × r, recomputed from the contractor's declared total (udaim, MDE Alès).
    public static decimal PercentModeTarget(decimal declaredTotalHours, decimal rate, string roundingMode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(declaredTotalHours);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1m);
        return RoundingMode.Apply(declaredTotalHours * rate, roundingMode);
    }
}
