namespace Clauses.Core.Hours;

/// <summary>Optional cap on training hours, as a share of the clause's target; null = no cap (the default).</summary>
/// <param name="MaxShareOfTarget">Share in [0, 1] of the target hours that training may fill, or null.</param>
// R23 (legal-rules §7): optional cap (% of H), configurable, off by default [UNCERTAIN].
public sealed record TrainingCap(decimal? MaxShareOfTarget)
{
    /// <summary>No cap: every training hour counts.</summary>
    public static TrainingCap None { get; } = new((decimal?)null);
}

/// <summary>Hours that count toward a clause once the training cap is applied.</summary>
/// <param name="Total">Hours that count: <paramref name="ByModalityOther"/> + <paramref name="TrainingCounted"/>.</param>
/// <param name="Training">Training hours declared.</param>
/// <param name="TrainingCounted">Training hours that count (the cap applied).</param>
/// <param name="ByModalityOther">Hours of every other modality (all count).</param>
public sealed record CountableHours(decimal Total, decimal Training, decimal TrainingCounted, decimal ByModalityOther);

/// <summary>Hours that count toward a clause.</summary>
public static class HourCounting
{
    /// <summary>Non-training hours plus training hours, the latter limited to <c>target × cap</c> when a cap is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative or the cap is above 1.</exception>
    public static decimal Countable(decimal nonTrainingHours, decimal trainingHours, decimal targetHours, TrainingCap cap) =>
        Compute(nonTrainingHours, trainingHours, targetHours, cap).Total;

    /// <summary>Detail of <see cref="Countable"/>. The cap in hours is rounded down to the hundredth (never more than the share).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative or the cap is above 1.</exception>
    // R23 (legal-rules §7): qualifying training counts 1:1, optionally capped at a share of H (off by default).
    public static CountableHours Compute(decimal nonTrainingHours, decimal trainingHours, decimal targetHours, TrainingCap cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nonTrainingHours);
        ArgumentOutOfRangeException.ThrowIfNegative(trainingHours);
        ArgumentOutOfRangeException.ThrowIfNegative(targetHours);
        var counted = trainingHours;
        if (cap?.MaxShareOfTarget is { } share)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(share, nameof(cap));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1m, nameof(cap));
            counted = Math.Min(trainingHours, decimal.Round(targetHours * share, 2, MidpointRounding.ToZero));
        }

        return new CountableHours(nonTrainingHours + counted, trainingHours, counted, nonTrainingHours);
    }
}
