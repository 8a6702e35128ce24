using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

public class SiretTests
{
    [Theory]
    [InlineData("73282932000074")] // Luhn sum 50
    [InlineData("44306184100047")] // Google France, head office
    [InlineData("35600000000048")] // La Poste head office: Luhn-valid too
    public void Siret_with_valid_luhn_checksum_is_accepted(string siret) => Assert.True(Siret.IsValid(siret));

    [Theory]
    [InlineData("73282932000075")]
    [InlineData("44306184100048")]
    [InlineData("37282932000074")] // two digits swapped
    public void Siret_with_bad_luhn_checksum_is_rejected(string siret) => Assert.False(Siret.IsValid(siret));

    [Theory]
    [InlineData("35600000000001")] // digit sum 15, Luhn-invalid
    [InlineData("35600000012346")] // digit sum 30, Luhn sum 36
    public void La_poste_siret_with_digit_sum_multiple_of_five_is_accepted(string siret)
    {
        Assert.Equal(0, siret.Sum(c => c - '0') % 5);
        Assert.False(Luhn.IsValid(siret));
        Assert.True(Siret.IsValid(siret));
    }

    [Fact]
    public void La_poste_siret_with_neither_luhn_nor_digit_sum_multiple_of_five_is_rejected()
    {
        const string siret = "35600000000002"; // digit sum 16, Luhn sum 17
        Assert.False(Luhn.IsValid(siret));
        Assert.False(Siret.IsValid(siret));
    }

    [Fact]
    public void Digit_sum_multiple_of_five_does_not_help_outside_la_poste()
    {
        const string siret = "44306184100004"; // digit sum 35, Luhn-invalid, SIREN of Google France
        Assert.Equal(0, siret.Sum(c => c - '0') % 5);
        Assert.False(Luhn.IsValid(siret));
        Assert.False(Siret.IsValid(siret));
    }

    [Theory]
    [InlineData("7328293200007")]
    [InlineData("732829320000740")]
    [InlineData("732829320")]
    [InlineData("")]
    public void Siret_of_wrong_length_is_rejected(string siret) => Assert.False(Siret.IsValid(siret));

    [Theory]
    [InlineData("7328293200007A")]
    [InlineData("ABCDEFGHIJKLMN")]
    [InlineData("732 829 320 00074")]
    [InlineData("7328293200007 ")]
    [InlineData("73282932000074\n")]
    [InlineData("-7328293200007")]
    public void Siret_with_letters_spaces_or_symbols_is_rejected(string siret) => Assert.False(Siret.IsValid(siret));

    [Fact]
    public void Null_siret_is_rejected() => Assert.False(Siret.IsValid(null));

    [Theory]
    [InlineData("732 829 320 00074")]
    [InlineData(" 73282932000074 ")]
    [InlineData("732\u00A0829\u00A0320\u202F00074")]
    [InlineData("732\t829 320 00074")]
    public void Normalize_removes_whitespace_then_siret_is_valid(string raw)
    {
        var normalized = Siret.Normalize(raw);
        Assert.Equal("73282932000074", normalized);
        Assert.True(Siret.IsValid(normalized));
    }

    [Fact]
    public void Normalize_keeps_other_characters_so_they_are_still_rejected() =>
        Assert.False(Siret.IsValid(Siret.Normalize("732-829-320-00074")));

    [Fact]
    public void Siren_of_a_siret_is_its_first_nine_digits() =>
        Assert.Equal("443061841", Siret.SirenOf("44306184100047"));

    [Fact]
    public void Siren_of_an_invalid_siret_throws() =>
        Assert.Throws<ArgumentException>(() => Siret.SirenOf("44306184100048"));
}
