using Clauses.Core.Hours;
using Clauses.Core.Spar;
using Clauses.Core.Tests.Eligibility;

namespace Clauses.Core.Tests.Spar;

public class IndicatorsTests
{
    private const string Nbsp = "\u00A0";

    // Gironde 2016: 127 459 hours, 528 persons (168 women / 360 men).
    private const decimal GirondeHours = 127_459m;
    private const long GirondePersons = 528;
    private const long GirondeWomen = 168;

    [Fact]
    public void Gironde_2016_women_share_is_31_8_percent_of_persons()
    {
        var r = Indicators.WomenShare(GirondePersons, GirondeWomen);
        Assert.Equal(new Ratio(168, 528, "personnes"), r);
        Assert.Equal(0.3182m, r.Value);
        Assert.Equal("31,8" + Nbsp + "%", r.Display);
        Assert.Equal("68,2" + Nbsp + "%", Indicators.WomenShare(GirondePersons, GirondePersons - GirondeWomen).Display); // 360 men
    }

    [Fact]
    public void Gironde_2016_hours_reach_a_share_of_a_target() =>
        Assert.Equal(1.2746m, Indicators.TargetProgress(100_000m, GirondeHours)); // 127 459 ÷ 100 000

    [Fact]
    public void Four_women_of_ten_persons_are_shown_as_less_than_five()
    {
        var r = Indicators.WomenShare(10, 4);
        Assert.True(r.IsSuppressed);
        Assert.Equal("< 5", r.Display);
        Assert.Null(r.Value);
    }

    [Fact]
    public void No_woman_of_ten_persons_is_shown_as_0_0_percent() =>
        Assert.Equal("0,0" + Nbsp + "%", Indicators.WomenShare(10, 0).Display);

    [Fact]
    public void No_person_gives_no_share() =>
        Assert.Null(Indicators.WomenShare(0, 0).Value);

    [Fact]
    public void Rsa_share_is_counted_over_persons()
    {
        var r = Indicators.RsaShare(1000, 350);
        Assert.Equal(IndicatorBase.Personnes, r.Base);
        Assert.Equal(0.35m, r.Value);
        Assert.Equal("35,0" + Nbsp + "%", r.Display);
    }

    [Fact]
    public void Lyon_2020_exits_to_employment_are_32_4_percent_of_250_exits()
    {
        var r = Indicators.ExitsToEmployment(250, 81);
        Assert.Equal(new Ratio(81, 250, IndicatorBase.Personnes), r);
        Assert.Equal("32,4" + Nbsp + "%", r.Display);
    }

    [Fact]
    public void A_part_larger_than_its_whole_or_a_negative_count_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.WomenShare(528, 529));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.RsaShare(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.ExitsToEmployment(250, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.ContractsAnalysed(11, 10));
    }

    [Fact]
    public void Durable_employment_from_counts_per_outcome_agrees_with_ExitRules()
    {
        var counts = new Dictionary<string, long>
        {
            [ExitOutcome.Cdi] = 50,
            [ExitOutcome.Cdd6MoisPlus] = 31,
            [ExitOutcome.Interim] = 100,
            [ExitOutcome.DemandeurEmploi] = 68,
            ["code_inconnu"] = 1,
        };
        var r = Indicators.DurableEmployment(counts);
        Assert.Equal(new Ratio(81, 250, IndicatorBase.Personnes), r);
        var records = counts.SelectMany(c => Enumerable.Repeat(c.Key, (int)c.Value));
        Assert.Equal(ExitRules.DurableEmploymentRate(records), r.Value);
    }

    [Fact]
    public void Durable_employment_follows_an_organisation_definition()
    {
        var counts = new Dictionary<string, long> { [ExitOutcome.Cdi] = 50, [ExitOutcome.Interim] = 100, [ExitOutcome.Inactif] = 100 };
        var r = Indicators.DurableEmployment(counts, [ExitOutcome.Cdi, ExitOutcome.Interim]);
        Assert.Equal(new Ratio(150, 250, IndicatorBase.Personnes), r);
    }

    [Fact]
    public void Durable_employment_without_exits_has_no_value_and_negative_counts_are_rejected()
    {
        Assert.Null(Indicators.DurableEmployment(new Dictionary<string, long>()).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.DurableEmployment(new Dictionary<string, long> { [ExitOutcome.Cdi] = -1 }));
    }

    [Fact]
    public void Contracts_analysed_are_counted_over_contracts()
    {
        var r = Indicators.ContractsAnalysed(40, 50);
        Assert.Equal(new Ratio(40, 50, IndicatorBase.Contrats), r);
        Assert.Equal("80,0" + Nbsp + "%", r.Display);
        Assert.False(Indicators.ContractsAnalysed(3, 4).IsSuppressed);
    }

    private static readonly (decimal AmountHt, bool HasSocialConsideration)[] AroundThresholds =
    [
        (39_999.99m, true),
        (40_000m, true),
        (89_999.99m, true),
        (90_000m, false),
        (1_000_000m, false),
    ];

    [Fact]
    public void The_DECP_scope_starts_at_40_000_euros_HT()
    {
        var r = Indicators.SocialConsiderationShare(AroundThresholds, Thresholds.Decp);
        Assert.Equal(new Ratio(2, 4, IndicatorBase.Contrats), r); // 39 999,99 € is out of scope
    }

    [Fact]
    public void The_OECP_scope_starts_at_90_000_euros_HT()
    {
        var r = Indicators.SocialConsiderationShare(AroundThresholds, Thresholds.Oecp);
        Assert.Equal(new Ratio(0, 2, IndicatorBase.Contrats), r); // 89 999,99 € is out of scope, 90 000 € is in
        Assert.Equal(40_000m, Thresholds.Decp);
        Assert.Equal(90_000m, Thresholds.Oecp);
    }

    [Fact]
    public void No_contract_in_scope_gives_no_share_and_a_negative_amount_is_rejected()
    {
        Assert.Null(Indicators.SocialConsiderationShare([(39_999.99m, true)], Thresholds.Decp).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.SocialConsiderationShare([(-1m, true)], Thresholds.Decp));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.SocialConsiderationShare([], -1m));
    }

    [Fact]
    public void Pnad_30_percent_exactly_is_met()
    {
        Assert.Equal(0.30m, Indicators.NationalTarget);
        Assert.True(Indicators.MeetsNationalTarget(new Ratio(3, 10, IndicatorBase.Contrats)));
        Assert.True(Indicators.MeetsNationalTarget(new Ratio(30, 100, IndicatorBase.Contrats)));
        Assert.True(Indicators.MeetsNationalTarget(new Ratio(31, 100, IndicatorBase.Contrats)));
    }

    [Fact]
    public void Pnad_is_compared_on_exact_counts_not_on_the_rounded_value()
    {
        var justBelow = new Ratio(299_999, 1_000_000, IndicatorBase.Contrats);
        Assert.Equal(0.3000m, justBelow.Value);
        Assert.False(Indicators.MeetsNationalTarget(justBelow));
        Assert.False(Indicators.MeetsNationalTarget(new Ratio(29, 100, IndicatorBase.Contrats)));
        Assert.False(Indicators.MeetsNationalTarget(new Ratio(0, 0, IndicatorBase.Contrats)));
    }

    [Fact]
    public void Pnad_applies_only_to_contracts() =>
        Assert.Throws<ArgumentException>(() => Indicators.MeetsNationalTarget(new Ratio(30, 100, IndicatorBase.Personnes)));

    [Fact]
    public void Fulfilment_rate_is_done_over_required()
    {
        Assert.Equal(0.6002m, Indicators.FulfilmentRate(500m, 833m));
        Assert.Equal(1.2m, Indicators.FulfilmentRate(1200m, 1000m));
        Assert.Null(Indicators.FulfilmentRate(120m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.FulfilmentRate(-1m, 10m));
    }

    [Fact]
    public void Target_progress_is_actual_over_target()
    {
        Assert.Equal(0.4363m, Indicators.TargetProgress(1_000_000m, 436_342m));
        Assert.Null(Indicators.TargetProgress(0m, 10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.TargetProgress(-1m, 10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.TargetProgress(10m, -1m));
    }

    [Fact]
    public void Target_progress_of_a_percentage_uses_points_and_the_exact_counts()
    {
        Assert.Equal(1.0606m, Indicators.TargetProgress(30m, Indicators.WomenShare(GirondePersons, GirondeWomen))); // 31.818… ÷ 30
        Assert.Equal(0.8m, Indicators.TargetProgress(100m, Indicators.ContractsAnalysed(40, 50)));
        Assert.Null(Indicators.TargetProgress(30m, Indicators.WomenShare(10, 4)));
        Assert.Null(Indicators.TargetProgress(0m, Indicators.WomenShare(10, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.TargetProgress(100.01m, Indicators.WomenShare(10, 5)));
    }

    // Burn-down over the year 2025: 365 days, 3 650 hours → 10 hours a day.
    private static readonly DateOnly Start = new(2025, 1, 1);
    private static readonly DateOnly End = new(2025, 12, 31);

    [Fact]
    public void Burn_down_on_the_first_day_expects_one_day_of_hours()
    {
        var b = Indicators.BurnDown(3650m, 0m, Start, End, Start);
        Assert.Equal(new BurnDownPoint(3650m, 0.0027m, 10m, 0m, -10m, BurnDownStatus.DansLesTemps), b);
        Assert.Equal("dans les temps", b.StatusLabel);
    }

    [Theory]
    [InlineData("1830", "dans_les_temps")]
    [InlineData("1647.5", "dans_les_temps")] // gap −182.5 = −5 % of the target
    [InlineData("1647.49", "en_retard")]
    [InlineData("2012.5", "dans_les_temps")] // gap +182.5
    [InlineData("2012.51", "en_avance")]
    [InlineData("0", "en_retard")]
    public void Burn_down_in_the_middle_is_within_5_percent_of_the_target(string done, string status)
    {
        var hours = decimal.Parse(done, System.Globalization.CultureInfo.InvariantCulture);
        var b = Indicators.BurnDown(3650m, hours, Start, End, IsoDate.Parse("2025-07-02")); // day 183 of 365
        Assert.Equal(1830m, b.Expected);
        Assert.Equal(0.5014m, b.ElapsedShare);
        Assert.Equal(hours - 1830m, b.Gap);
        Assert.Equal(status, b.Status);
    }

    [Fact]
    public void Burn_down_after_the_end_expects_the_whole_target()
    {
        var late = Indicators.BurnDown(3650m, 3000m, Start, End, IsoDate.Parse("2026-03-01"));
        Assert.Equal(new BurnDownPoint(3650m, 1m, 3650m, 3000m, -650m, BurnDownStatus.EnRetard), late);
        Assert.Equal("en retard", late.StatusLabel);
        Assert.Equal(BurnDownStatus.DansLesTemps, Indicators.BurnDown(3650m, 3650m, Start, End, IsoDate.Parse("2026-03-01")).Status);
        Assert.Equal(3650m, Indicators.BurnDown(3650m, 0m, Start, End, End).Expected);
    }

    [Fact]
    public void Burn_down_before_the_start_expects_nothing()
    {
        var b = Indicators.BurnDown(3650m, 200m, Start, End, IsoDate.Parse("2024-12-31"));
        Assert.Equal(new BurnDownPoint(3650m, 0m, 0m, 200m, 200m, BurnDownStatus.EnAvance), b);
        Assert.Equal("en avance", b.StatusLabel);
    }

    [Fact]
    public void Burn_down_rounds_expected_hours_to_the_hundredth()
    {
        var b = Indicators.BurnDown(1000m, 0m, Start, End, Start); // 1000 ÷ 365 = 2.7397…
        Assert.Equal(2.74m, b.Expected);
    }

    [Fact]
    public void Burn_down_of_a_one_day_period_or_a_zero_target()
    {
        Assert.Equal(500m, Indicators.BurnDown(500m, 0m, Start, Start, Start).Expected);
        Assert.Equal(BurnDownStatus.DansLesTemps, Indicators.BurnDown(0m, 0m, Start, End, Start).Status);
        Assert.Equal(BurnDownStatus.EnAvance, Indicators.BurnDown(0m, 1m, Start, End, Start).Status);
    }

    [Fact]
    public void Burn_down_rejects_an_end_before_the_start_and_negative_hours()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.BurnDown(100m, 0m, End, Start, Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.BurnDown(-1m, 0m, Start, End, Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => Indicators.BurnDown(100m, -1m, Start, End, Start));
    }
}
