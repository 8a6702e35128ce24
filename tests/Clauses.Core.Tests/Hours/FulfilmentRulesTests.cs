using Clauses.Core.Hours;

namespace Clauses.Core.Tests.Hours;

public class FulfilmentRulesTests
{
    [Fact]
    public void Rate_hours_still_due_and_penalty_of_a_clause_in_progress()
    {
        var f = FulfilmentRules.Compute(833m, 500m, 50m, null);
        Assert.Equal(new Fulfilment(833m, 500m, 0.6002m, 333m, 333m, 16_650m, false), f); // 500 ÷ 833 = 0.60024…
    }

    [Fact]
    public void The_penalty_is_capped_at_the_contract_ceiling()
    {
        var f = FulfilmentRules.Compute(833m, 500m, 50m, 10_000m);
        Assert.Equal(10_000m, f.Penalty);
        Assert.True(f.PenaltyCapped);
        var under = FulfilmentRules.Compute(833m, 500m, 50m, 16_650m);
        Assert.Equal(16_650m, under.Penalty);
        Assert.False(under.PenaltyCapped);
    }

    [Fact]
    public void A_zero_target_gives_a_zero_rate_and_nothing_due()
    {
        var f = FulfilmentRules.Compute(0m, 120m, 50m, null);
        Assert.Equal(0m, f.Rate);
        Assert.Equal(0m, f.HoursStillDue);
        Assert.Equal(0m, f.MissingHours);
        Assert.Equal(0m, f.Penalty);
    }

    [Fact]
    public void Going_beyond_the_target_gives_a_rate_above_one_and_no_penalty()
    {
        var f = FulfilmentRules.Compute(1_000m, 1_200m, 50m, null);
        Assert.Equal(1.2m, f.Rate);
        Assert.Equal(0m, f.HoursStillDue);
        Assert.Equal(0m, f.Penalty);
    }

    [Theory]
    [InlineData(3, 1, "0.3333")]
    [InlineData(3, 2, "0.6667")]
    [InlineData(250, 81, "0.3240")]
    [InlineData(20_000, 1, "0.0001")] // 0.00005 rounds half up
    [InlineData(1_000, 1_000, "1")]
    public void The_rate_is_rounded_to_four_decimals_half_up(int target, int valid, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FulfilmentRules.Compute(target, valid, null, null).Rate);

    [Fact]
    public void Without_a_penalty_amount_the_penalty_is_zero() =>
        Assert.Equal(0m, FulfilmentRules.Compute(833m, 0m, null, 1_000m).Penalty);

    [Fact]
    public void Negative_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FulfilmentRules.Compute(-1m, 0m, null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => FulfilmentRules.Compute(10m, -1m, null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => FulfilmentRules.Compute(10m, 0m, -1m, null));
    }
}
