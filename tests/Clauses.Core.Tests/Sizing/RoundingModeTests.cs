using System.Globalization;
using Clauses.Core.Sizing;

namespace Clauses.Core.Tests.Sizing;

public class RoundingModeTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("833.5", "834")]
    [InlineData("832.5", "833")] // banker's rounding would give 832
    [InlineData("0.5", "1")]
    [InlineData("833.49", "833")]
    [InlineData("833.3333333333333333333333333", "833")]
    [InlineData("3500", "3500")]
    public void Half_up_rounds_a_half_to_the_hour_above(string value, string expected) =>
        Assert.Equal(D(expected), RoundingMode.Apply(D(value), RoundingMode.DemiSuperieur));

    [Theory]
    [InlineData("833.01", "834")]
    [InlineData("833.5", "834")]
    [InlineData("833", "833")]
    [InlineData("0.0001", "1")]
    public void Ceiling_rounds_any_fraction_up(string value, string expected) =>
        Assert.Equal(D(expected), RoundingMode.Apply(D(value), RoundingMode.Superieur));

    [Theory]
    [InlineData("833.99", "833")]
    [InlineData("833.5", "833")]
    [InlineData("833", "833")]
    [InlineData("0.9", "0")]
    public void Floor_drops_any_fraction(string value, string expected) =>
        Assert.Equal(D(expected), RoundingMode.Apply(D(value), RoundingMode.Inferieur));

    [Theory]
    [InlineData("")]
    [InlineData("arrondi")]
    [InlineData("DEMI_SUPERIEUR")]
    public void Unknown_mode_is_refused(string mode) =>
        Assert.Throws<ArgumentException>(() => RoundingMode.Apply(1.5m, mode));
}
