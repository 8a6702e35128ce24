using Clauses.Core.Spar;

namespace Clauses.Core.Tests.Spar;

public class RatioTests
{
    private const string Nbsp = "\u00A0";

    [Fact]
    public void Gironde_2016_share_of_women_is_31_8_percent()
    {
        var r = new Ratio(168, 528, IndicatorBase.Personnes); // 168 ÷ 528 = 0.31818…
        Assert.Equal(0.3182m, r.Value);
        Assert.Equal("31,8" + Nbsp + "%", r.Display);
        Assert.False(r.IsSuppressed);
    }

    [Fact]
    public void Lyon_2020_exits_to_employment_are_32_4_percent()
    {
        var r = new Ratio(81, 250, IndicatorBase.Personnes);
        Assert.Equal(0.3240m, r.Value);
        Assert.Equal("32,4" + Nbsp + "%", r.Display);
    }

    [Theory]
    [InlineData(4, 10)]
    [InlineData(1, 10)]
    [InlineData(4, 528)]
    [InlineData(2, 3)]
    [InlineData(0, 4)]
    [InlineData(1, 1)]
    public void A_share_of_persons_with_a_count_from_1_to_4_is_suppressed(long numerator, long denominator)
    {
        var r = new Ratio(numerator, denominator, IndicatorBase.Personnes);
        Assert.True(r.IsSuppressed);
        Assert.Null(r.Value);
        Assert.Equal("< 5", r.Display);
        Assert.Equal(SmallCell.Suppressed, r.Display);
    }

    [Theory]
    [InlineData(5, 10, "50,0")]
    [InlineData(10, 10, "100,0")]
    [InlineData(5, 5, "100,0")]
    public void Five_persons_or_more_are_shown(long numerator, long denominator, string percent)
    {
        var r = new Ratio(numerator, denominator, IndicatorBase.Personnes);
        Assert.False(r.IsSuppressed);
        Assert.Equal(percent + Nbsp + "%", r.Display);
    }

    [Fact]
    public void Zero_persons_out_of_ten_is_shown_as_0_0_percent_not_suppressed()
    {
        var r = new Ratio(0, 10, IndicatorBase.Personnes);
        Assert.False(r.IsSuppressed);
        Assert.Equal(0m, r.Value);
        Assert.Equal("0,0" + Nbsp + "%", r.Display);
    }

    [Theory]
    [InlineData(IndicatorBase.Personnes)]
    [InlineData(IndicatorBase.Contrats)]
    [InlineData(IndicatorBase.Heures)]
    public void A_zero_denominator_gives_no_value_and_a_dash(string indicatorBase)
    {
        var r = new Ratio(0, 0, indicatorBase);
        Assert.Null(r.Value);
        Assert.False(r.IsSuppressed);
        Assert.Equal("—", r.Display);
    }

    [Fact]
    public void The_default_ratio_displays_a_dash() =>
        Assert.Equal(Ratio.NotApplicable, default(Ratio).Display);

    [Theory]
    [InlineData(IndicatorBase.Contrats)]
    [InlineData(IndicatorBase.Heures)]
    [InlineData(IndicatorBase.Euros)]
    public void Small_counts_of_contracts_hours_or_euros_are_not_suppressed(string indicatorBase)
    {
        var r = new Ratio(4, 10, indicatorBase);
        Assert.False(r.IsSuppressed);
        Assert.Equal(0.4m, r.Value);
        Assert.Equal("40,0" + Nbsp + "%", r.Display);
    }

    [Fact]
    public void Value_rounds_half_up_to_4_decimals_and_display_rounds_the_exact_share_once()
    {
        var r = new Ratio(6489, 20_000, IndicatorBase.Contrats); // 0.32445 exactly
        Assert.Equal(0.3245m, r.Value); // half up, not to even (0.3244)
        Assert.Equal("32,4" + Nbsp + "%", r.Display); // 32.445 → 32.4, not 32.45 → 32.5
        var midpoint = new Ratio(649, 2000, IndicatorBase.Contrats); // 32.45 % exactly
        Assert.Equal("32,5" + Nbsp + "%", midpoint.Display);
    }

    [Fact]
    public void Percentages_above_1000_group_thousands_with_a_narrow_no_break_space() =>
        Assert.Equal("1\u202F234,5" + Nbsp + "%", Ratio.FormatPercent(12.345m));

    [Fact]
    public void Counts_of_persons_are_shown_through_the_small_cell_rule()
    {
        var r = new Ratio(4, 1234, IndicatorBase.Personnes);
        Assert.Equal("< 5", r.NumeratorDisplay);
        Assert.Equal("1\u202F234", r.DenominatorDisplay);
        var contracts = new Ratio(4, 1234, IndicatorBase.Contrats);
        Assert.Equal("4", contracts.NumeratorDisplay);
        Assert.Equal("1\u202F234", contracts.DenominatorDisplay);
    }

    [Fact]
    public void Negative_counts_and_unknown_bases_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ratio(-1, 10, IndicatorBase.Personnes));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ratio(1, -10, IndicatorBase.Personnes));
        Assert.Throws<ArgumentException>(() => new Ratio(1, 10, "persons"));
        Assert.Throws<ArgumentException>(() => new Ratio(1, 10, null!));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "< 5")]
    [InlineData(2, "< 5")]
    [InlineData(3, "< 5")]
    [InlineData(4, "< 5")]
    [InlineData(5, "5")]
    [InlineData(528, "528")]
    [InlineData(25_000, "25\u202F000")]
    public void Small_cell_format_hides_1_to_4_persons(long persons, string expected) =>
        Assert.Equal(expected, SmallCell.Format(persons));

    [Fact]
    public void Small_cell_format_rejects_a_negative_count() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallCell.Format(-1));
}
