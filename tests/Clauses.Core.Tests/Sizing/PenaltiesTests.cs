using Clauses.Core.Sizing;

namespace Clauses.Core.Tests.Sizing;

public class PenaltiesTests
{
    [Fact]
    public void Clause_fulfilled_beyond_its_target_costs_nothing() =>
        Assert.Equal(new PenaltyResult(0m, 0m, false), Penalties.Compute(833m, 900m, 50m, 10_000m));

    [Fact]
    public void Clause_fulfilled_exactly_costs_nothing() =>
        Assert.Equal(new PenaltyResult(0m, 0m, false), Penalties.Compute(833m, 833m, 50m, null));

    [Fact]
    public void Missing_hours_are_charged_at_the_unit_amount() =>
        Assert.Equal(new PenaltyResult(33m, 1_650m, false), Penalties.Compute(833m, 800m, 50m, null));

    [Fact]
    public void Penalty_above_the_ceiling_is_capped() =>
        Assert.Equal(new PenaltyResult(833m, 10_000m, true), Penalties.Compute(833m, 0m, 50m, 10_000m));

    [Fact]
    public void Penalty_equal_to_the_ceiling_is_not_reported_as_capped() =>
        Assert.Equal(new PenaltyResult(200m, 10_000m, false), Penalties.Compute(1_000m, 800m, 50m, 10_000m));

    [Fact]
    public void Penalty_below_the_ceiling_is_not_capped() =>
        Assert.Equal(new PenaltyResult(33m, 1_650m, false), Penalties.Compute(833m, 800m, 50m, 10_000m));

    [Fact]
    public void Zero_ceiling_cancels_the_penalty() =>
        Assert.Equal(new PenaltyResult(33m, 0m, true), Penalties.Compute(833m, 800m, 50m, 0m));

    [Fact]
    public void Without_unit_amount_there_is_no_penalty_but_hours_are_still_missing() =>
        Assert.Equal(new PenaltyResult(33m, 0m, false), Penalties.Compute(833m, 800m, null, 10_000m));

    [Fact]
    public void Penalty_is_rounded_half_up_to_the_cent() =>
        // 0,5 h × 0,01 € = 0,005 € → 0,01 € (banker's rounding would give 0,00 €).
        Assert.Equal(0.01m, Penalties.Compute(10m, 9.5m, 0.01m, null).Penalty);

    [Fact]
    public void Fractional_missing_hours_are_charged_pro_rata() =>
        Assert.Equal(new PenaltyResult(0.33m, 11.00m, false), Penalties.Compute(10m, 9.67m, 33.33m, null));

    [Theory]
    [InlineData(-1, 0, null, null)]
    [InlineData(0, -1, null, null)]
    [InlineData(10, 0, -1, null)]
    [InlineData(10, 0, 1, -1)]
    public void Negative_arguments_are_refused(int target, int valid, int? unit, int? cap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalties.Compute(target, valid, unit, cap));

    [Theory]
    [InlineData(833, 800, 33)]
    [InlineData(833, 833, 0)]
    [InlineData(833, 900, 0)]
    [InlineData(0, 0, 0)]
    public void Hours_still_due_never_go_below_zero(int target, int valid, int expected) =>
        Assert.Equal(expected, Penalties.HoursStillDue(target, valid));

    [Theory]
    [InlineData("demi_superieur", 617)]
    [InlineData("superieur", 618)]
    [InlineData("inferieur", 617)]
    public void Percent_mode_target_is_the_declared_total_times_the_rate_rounded(string mode, int expected) =>
        Assert.Equal(expected, Penalties.PercentModeTarget(12_345m, 0.05m, mode));

    [Fact]
    public void Percent_mode_target_rounds_a_half_hour_up() =>
        Assert.Equal(1m, Penalties.PercentModeTarget(10m, 0.05m, RoundingMode.DemiSuperieur));

    [Fact]
    public void Percent_mode_target_of_nothing_worked_is_zero() =>
        Assert.Equal(0m, Penalties.PercentModeTarget(0m, 0.05m, RoundingMode.Superieur));

    [Theory]
    [InlineData(0)]
    [InlineData(-0.05)]
    [InlineData(1.5)]
    public void Percent_mode_target_refuses_a_rate_outside_0_to_1(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalties.PercentModeTarget(1000m, (decimal)rate, RoundingMode.DemiSuperieur));

    [Fact]
    public void Percent_mode_target_refuses_a_negative_total() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalties.PercentModeTarget(-1m, 0.05m, RoundingMode.DemiSuperieur));

    [Fact]
    public void Percent_mode_target_refuses_an_unknown_rounding_mode() =>
        Assert.Throws<ArgumentException>(() => Penalties.PercentModeTarget(1000m, 0.05m, "au_plus_proche"));

    [Fact]
    public void Percent_mode_target_matches_the_sizer() =>
        Assert.Equal(
            Sizer.Compute(new SizingInput(null, null, "", 0.07m, null, SizingMode.PourcentageHeures, RoundingMode.DemiSuperieur, null, ["formation", "geiq"], 8_765m)).TargetHours,
            Penalties.PercentModeTarget(8_765m, 0.07m, RoundingMode.DemiSuperieur));
}
