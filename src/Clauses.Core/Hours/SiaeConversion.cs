namespace Clauses.Core.Hours;

/// <summary>Hours credited for a purchase from an SIAE (or EA, ESAT) when they are not attested.</summary>
public static class SiaeConversion
{
    /// <summary>invoiced HT × labour share ÷ hourly cost, rounded to the hundredth of an hour half-up
    /// (10 000 € × 0.5 ÷ 30 € = 166.67 h).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, the share not in ]0, 1] or the cost not positive.</exception>
    // R22 (legal-rules §7): H = montant HT facturé × m ÷ c with the same m and c as the clause sizing; hours are numeric(10,2).
    public static decimal Hours(decimal invoicedAmountHt, decimal labourShare, decimal hourlyCost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(invoicedAmountHt);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(labourShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(labourShare, 1m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hourlyCost);
        return decimal.Round(invoicedAmountHt * labourShare / hourlyCost, 2, MidpointRounding.AwayFromZero);
    }
}
