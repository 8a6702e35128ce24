using Clauses.Core.Hours;

namespace Clauses.Core.Tests.Hours;

public class HourCountingTests
{
    [Fact]
    public void Without_a_cap_training_counts_one_for_one()
    {
        Assert.Equal(900m, HourCounting.Countable(600m, 300m, 1_000m, TrainingCap.None));
        Assert.Equal(900m, HourCounting.Countable(600m, 300m, 1_000m, new TrainingCap(null)));
        Assert.Null(TrainingCap.None.MaxShareOfTarget);
    }

    [Fact]
    public void A_cap_limits_training_to_a_share_of_the_target()
    {
        var result = HourCounting.Compute(600m, 300m, 1_000m, new TrainingCap(0.20m));
        Assert.Equal(new CountableHours(800m, 300m, 200m, 600m), result);
        Assert.Equal(800m, HourCounting.Countable(600m, 300m, 1_000m, new TrainingCap(0.20m)));
    }

    [Fact]
    public void Training_under_the_cap_counts_entirely_and_at_the_cap_exactly()
    {
        Assert.Equal(750m, HourCounting.Countable(600m, 150m, 1_000m, new TrainingCap(0.20m)));
        Assert.Equal(800m, HourCounting.Countable(600m, 200m, 1_000m, new TrainingCap(0.20m)));
    }

    [Fact]
    public void A_zero_cap_excludes_training_and_non_training_hours_are_never_capped() =>
        Assert.Equal(new CountableHours(5_000m, 40m, 0m, 5_000m), HourCounting.Compute(5_000m, 40m, 1_000m, new TrainingCap(0m)));

    [Fact]
    public void The_cap_in_hours_is_rounded_down_to_the_hundredth() =>
        Assert.Equal(110.88m, HourCounting.Compute(0m, 500m, 333m, new TrainingCap(0.333m)).TrainingCounted); // 110.889

    [Fact]
    public void Negative_hours_or_a_cap_above_one_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HourCounting.Countable(-1m, 0m, 10m, TrainingCap.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => HourCounting.Countable(0m, -1m, 10m, TrainingCap.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => HourCounting.Countable(0m, 0m, -10m, TrainingCap.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => HourCounting.Countable(0m, 0m, 10m, new TrainingCap(1.01m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => HourCounting.Countable(0m, 0m, 10m, new TrainingCap(-0.1m)));
    }
}
