using Clauses.Core.Contracts;

namespace Clauses.Core.Tests.Contracts;

public class CpvCodeTests
{
    [Theory]
    [InlineData("45442100-8")] // painting works
    [InlineData("45000000-7")] // construction work
    [InlineData("03000000-1")]
    [InlineData("90910000-9")] // cleaning services
    [InlineData("98000000-3")]
    [InlineData("48000000-8")]
    [InlineData("50000000-5")]
    public void Well_formed_code_of_a_cpv_division_is_valid(string code) => Assert.True(CpvCode.IsValid(code));

    [Theory]
    [InlineData("45442100")]
    [InlineData("45442100-")]
    [InlineData("45442100-88")]
    [InlineData("4544210-8")]
    [InlineData("454421000-8")]
    [InlineData("45442100_8")]
    [InlineData("4544210A-8")]
    [InlineData(" 45442100-8")]
    [InlineData("45442100-8 ")]
    [InlineData("45442100-8\n")]
    [InlineData("٤٥٤٤٢١٠٠-٨")] // non-ASCII digits
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_code_is_invalid(string? code) => Assert.False(CpvCode.IsValid(code));

    [Theory]
    [InlineData("00000000-0")]
    [InlineData("01000000-0")]
    [InlineData("02000000-0")]
    [InlineData("04000000-0")]
    [InlineData("10000000-0")]
    [InlineData("13000000-0")]
    [InlineData("17000000-0")]
    [InlineData("20000000-0")]
    [InlineData("36000000-0")]
    [InlineData("40000000-0")]
    [InlineData("49000000-0")]
    [InlineData("74000000-0")]
    [InlineData("99000000-0")]
    public void Code_outside_cpv_2008_divisions_is_invalid(string code) => Assert.False(CpvCode.IsValid(code));

    [Theory]
    [InlineData("03", "14", "15", "16", "18", "19", "22", "24", "30", "31", "32", "33", "34", "35", "37", "38", "39")]
    [InlineData("09", "41", "42", "43", "44", "45", "48", "50", "51", "55", "60", "63", "64", "65", "66")]
    [InlineData("70", "71", "72", "73", "75", "76", "77", "79", "80", "85", "90", "92", "98")]
    public void Every_cpv_2008_division_is_accepted(params string[] divisions)
    {
        foreach (var division in divisions)
        {
            Assert.True(CpvCode.IsValid($"{division}000000-0"), division);
        }
    }

    [Fact]
    public void There_are_45_cpv_2008_divisions() => Assert.Equal(45, CpvCode.AllDivisions.Count);

    [Theory]
    [InlineData("45442100-8", "45")]
    [InlineData("03000000-1", "03")]
    [InlineData("90910000-9", "90")]
    public void Division_is_the_first_two_digits(string code, string division) =>
        Assert.Equal(division, CpvCode.Division(code));

    [Theory]
    [InlineData("17000000-0")]
    [InlineData("45442100")]
    [InlineData(null)]
    public void Division_of_invalid_code_is_null(string? code) => Assert.Null(CpvCode.Division(code));
}
