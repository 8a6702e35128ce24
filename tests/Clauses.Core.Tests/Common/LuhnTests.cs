using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

public class LuhnTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("18")]
    [InlineData("79927398713")]
    [InlineData("443061841")]
    public void Luhn_valid_numbers_pass(string digits) => Assert.True(Luhn.IsValid(digits));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("79927398710")]
    [InlineData("7992739871a")]
    [InlineData("79927 398713")]
    public void Luhn_invalid_or_non_digit_input_fails(string digits) => Assert.False(Luhn.IsValid(digits));
}
