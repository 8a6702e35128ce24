namespace Clauses.Core.Common;

/// <summary>Rules for an amount in euros HT stored as numeric(14,2).</summary>
public static class AmountRules
{
    /// <summary>Largest value of numeric(14,2).</summary>
    public const decimal Max = 99_999_999_999.99m;

    /// <summary>Adds the errors of <paramref name="amount"/> under <paramref name="field"/>: ≥ 0, ≤ <see cref="Max"/>, at most 2 decimals.</summary>
    public static void Check(ValidationErrors errors, string field, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (amount < 0)
        {
            errors.Add(field, "Le montant HT doit être positif ou nul.");
        }

        if (amount > Max)
        {
            errors.Add(field, $"Le montant HT ne doit pas dépasser {Euros.Format(Max)}.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            errors.Add(field, "Le montant HT ne peut pas avoir plus de deux décimales.");
        }
    }
}
