using Clauses.Core.Hours;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Hours;

public class CountingMethodTests
{
    [Fact]
    public void Counting_methods_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(CountingMethod.Terms,
            ("heures_attestees", "Heures attestées"),
            ("conversion_montant", "Conversion du montant facturé HT en heures"));

    [Fact]
    public void Only_siae_subcontracting_and_cocontracting_allow_a_conversion() =>
        Assert.Equal(["sous_traitance_siae", "cotraitance_siae"], Modality.Terms.Codes.Where(CountingMethod.AllowsConversion));

    [Fact]
    public void Invoiced_10000_euros_at_half_labour_and_30_euros_an_hour_is_166_67_hours() =>
        Assert.Equal(166.67m, SiaeConversion.Hours(10_000m, 0.5m, 30m));

    [Theory]
    [InlineData("1", "0.5", "100", "0.01")]       // 0.005 rounds half up
    [InlineData("0.98", "0.5", "100", "0")]       // 0.0049 rounds down
    [InlineData("0", "0.5", "30", "0")]
    [InlineData("12345.67", "0.45", "35", "158.73")] // 158.7300428…
    [InlineData("20000", "1", "30", "666.67")]
    public void Converted_hours_are_rounded_to_the_hundredth_half_up(string amount, string share, string cost, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            SiaeConversion.Hours(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(-0.01, 0.5, 30)]
    [InlineData(100, 0, 30)]
    [InlineData(100, 1.01, 30)]
    [InlineData(100, 0.5, 0)]
    [InlineData(100, 0.5, -30)]
    public void Conversion_parameters_out_of_range_are_rejected(double amount, double share, double cost) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SiaeConversion.Hours((decimal)amount, (decimal)share, (decimal)cost));
}
