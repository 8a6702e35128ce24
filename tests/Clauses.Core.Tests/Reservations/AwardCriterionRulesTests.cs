using Clauses.Core.Reservations;

namespace Clauses.Core.Tests.Reservations;

public class AwardCriterionRulesTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Weight_of_15_percent_as_upheld_in_2013_is_valid(bool formal) =>
        Assert.True(AwardCriterionRules.Validate(AwardCriterionRules.UpheldWeightPercent, formal).IsValid);

    [Fact]
    public void Formal_procedure_requires_a_weight() =>
        Assert.Equal(["En procédure formalisée, le critère d'insertion doit être pondéré (R2152-12) : indiquez sa pondération en pourcentage."],
            AwardCriterionRules.Validate(null, formalProcedure: true).For("awardWeight"));

    [Fact]
    public void Adapted_procedure_may_leave_the_weight_out() =>
        Assert.True(AwardCriterionRules.Validate(null, formalProcedure: false).IsValid);

    [Theory]
    [InlineData("0.01")]
    [InlineData("100")]
    public void Weight_at_the_bounds_is_valid(string weight) =>
        Assert.True(AwardCriterionRules.Validate(decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture), true).IsValid);

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100.01")]
    public void Weight_outside_0_exclusive_to_100_is_refused(string weight) =>
        Assert.Equal(["La pondération du critère doit être supérieure à 0\u00A0% et au plus égale à 100\u00A0%."],
            AwardCriterionRules.Validate(decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture), false).For("awardWeight"));

    [Fact]
    public void Weight_with_more_than_two_decimals_is_refused() =>
        Assert.Equal(["La pondération du critère ne peut pas avoir plus de deux décimales."], AwardCriterionRules.Validate(12.345m, true).For("awardWeight"));
}
