using System.Collections.ObjectModel;

namespace Clauses.Core.Relevance;

/// <summary>EU procurement thresholds (€ HT) in force from <paramref name="From"/> to <paramref name="To"/> (inclusive; null: open-ended).</summary>
/// <param name="SuppliesServicesLocal">Supplies and services, local authorities and other buyers.</param>
/// <param name="SuppliesServicesState">Supplies and services, central government (État).</param>
/// <param name="Works">Works (and concessions).</param>
public sealed record EuThreshold(DateOnly From, DateOnly? To, decimal SuppliesServicesLocal, decimal SuppliesServicesState, decimal Works);

/// <summary>The dated, configurable table of EU thresholds (R13).</summary>
public static class EuThresholds
{
    /// <summary>Shipped values; load the official ones into configuration when they change.</summary>
    public static IReadOnlyList<EuThreshold> Default { get; } = new ReadOnlyCollection<EuThreshold>(
    [
        // R13 (legal-rules §1.6): 2022–2023 values 215 000 / 5 382 000 (gestionnaire03); State 140 000 [UNCERTAIN].
        new(new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31), 215_000m, 140_000m, 5_382_000m),
        // R13 (legal-rules §1.6): 2024–2025, 221 000 local and 5 538 000 works (gestionnaire03); State 143 000 [UNCERTAIN].
        new(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31), 221_000m, 143_000m, 5_538_000m),
        // R13 (legal-rules §1.6): from 2026, ≈ 216 000 / 140 000 / 5 404 000 from memory [UNCERTAIN — load the official 2026–2027 values].
        new(new DateOnly(2026, 1, 1), null, 216_000m, 140_000m, 5_404_000m),
    ]);

    /// <summary>The row in force on <paramref name="date"/>, or null when none covers it.</summary>
    public static EuThreshold? At(IReadOnlyList<EuThreshold> table, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var row in table)
        {
            if (row.From <= date && (row.To is null || date <= row.To))
            {
                return row;
            }
        }

        return null;
    }
}
