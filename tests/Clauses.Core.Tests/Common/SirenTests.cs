using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

public class SirenTests
{
    [Theory]
    [InlineData("443061841")] // Google France
    [InlineData("732829320")]
    [InlineData("356000000")] // La Poste
    public void Siren_with_valid_luhn_checksum_is_accepted(string siren) => Assert.True(Siren.IsValid(siren));

    [Theory]
    [InlineData("443061842")]
    [InlineData("732829321")]
    public void Siren_with_bad_luhn_checksum_is_rejected(string siren) => Assert.False(Siren.IsValid(siren));

    [Theory]
    [InlineData("44306184")]
    [InlineData("4430618410")]
    [InlineData("")]
    public void Siren_of_wrong_length_is_rejected(string siren) => Assert.False(Siren.IsValid(siren));

    [Theory]
    [InlineData("44306184A")]
    [InlineData("443 061 841")]
    [InlineData(" 443061841")]
    [InlineData("443061841\n")]
    [InlineData("٤٤٣٠٦١٨٤١")] // Arabic-Indic digits are not ASCII digits
    public void Siren_with_non_digit_characters_is_rejected(string siren) => Assert.False(Siren.IsValid(siren));

    [Fact]
    public void Null_siren_is_rejected() => Assert.False(Siren.IsValid(null));

    [Fact]
    public void Normalize_removes_spaces_so_a_spaced_siren_becomes_valid()
    {
        var normalized = Siren.Normalize("443 061\u00A0841");
        Assert.Equal("443061841", normalized);
        Assert.True(Siren.IsValid(normalized));
    }
}
