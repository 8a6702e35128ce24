using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

public class AmountRulesTests
{
    private static ValidationErrors Check(decimal amount)
    {
        var errors = new ValidationErrors();
        AmountRules.Check(errors, "amountHt", amount);
        return errors;
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("1250000")]
    [InlineData("1250000.5")]
    [InlineData("1250000.50")]
    [InlineData("1250000.500")] // same value as 1250000.50: scale does not matter, value does
    [InlineData("99999999999.99")]
    public void Amount_between_zero_and_numeric_14_2_max_is_valid(string amount) =>
        Assert.True(Check(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).IsValid);

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-1")]
    public void Negative_amount_is_rejected(string amount) =>
        Assert.Equal(["Le montant HT doit être positif ou nul."],
            Check(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).For("amountHt"));

    [Theory]
    [InlineData("100000000000")]
    [InlineData("99999999999.991")]
    public void Amount_above_numeric_14_2_max_is_rejected(string amount) =>
        Assert.Contains("Le montant HT ne doit pas dépasser 99\u202F999\u202F999\u202F999,99\u00A0€.",
            Check(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).For("amountHt"));

    [Theory]
    [InlineData("0.001")]
    [InlineData("10.125")]
    public void Amount_with_three_decimals_is_rejected(string amount) =>
        Assert.Equal(["Le montant HT ne peut pas avoir plus de deux décimales."],
            Check(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).For("amountHt"));

    [Fact]
    public void Negative_amount_with_three_decimals_reports_both_errors() =>
        Assert.Equal(2, Check(-1.005m).For("amountHt").Count);
}
