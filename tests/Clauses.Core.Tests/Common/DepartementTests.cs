using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

public class DepartementTests
{
    [Theory]
    [InlineData("01")]
    [InlineData("19")]
    [InlineData("21")]
    [InlineData("69")]
    [InlineData("95")]
    [InlineData("2A")]
    [InlineData("2B")]
    [InlineData("971")]
    [InlineData("974")]
    [InlineData("976")]
    public void Metropolitan_corsican_and_overseas_codes_are_valid(string code) => Assert.True(Departement.IsValid(code));

    [Theory]
    [InlineData("00")]
    [InlineData("20")]
    [InlineData("96")]
    [InlineData("99")]
    [InlineData("970")]
    [InlineData("977")]
    [InlineData("1")]
    [InlineData("001")]
    [InlineData("2a")]
    [InlineData("2C")]
    [InlineData(" 69")]
    [InlineData("69 ")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_codes_are_invalid(string? code) => Assert.False(Departement.IsValid(code));

    [Fact]
    public void There_are_94_metropolitan_2_corsican_and_6_overseas_codes() =>
        Assert.Equal(94 + 2 + 6, Departement.All.Count); // 975 (Saint-Pierre-et-Miquelon) is accepted with the DOM
}
