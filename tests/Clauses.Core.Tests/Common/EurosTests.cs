using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

public class EurosTests
{
    [Theory]
    [InlineData("1250000", "1\u202F250\u202F000,00\u00A0€")]
    [InlineData("0", "0,00\u00A0€")]
    [InlineData("999.5", "999,50\u00A0€")]
    [InlineData("1000", "1\u202F000,00\u00A0€")]
    [InlineData("99999999999.99", "99\u202F999\u202F999\u202F999,99\u00A0€")]
    [InlineData("-1234.5", "-1\u202F234,50\u00A0€")]
    [InlineData("0.005", "0,01\u00A0€")]
    public void Amounts_are_formatted_the_french_way(string amount, string expected) =>
        Assert.Equal(expected, Euros.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Formatting_does_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            Assert.Equal("1\u202F250\u202F000,00\u00A0€", Euros.Format(1_250_000m));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
