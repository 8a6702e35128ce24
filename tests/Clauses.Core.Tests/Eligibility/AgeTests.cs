using Clauses.Core.Eligibility;

namespace Clauses.Core.Tests.Eligibility;

public class AgeTests
{
    [Theory]
    [InlineData("2000-05-10", "2026-05-09", 25)]
    [InlineData("2000-05-10", "2026-05-10", 26)]
    [InlineData("2000-05-10", "2026-05-11", 26)]
    [InlineData("1976-03-15", "2026-03-14", 49)]
    [InlineData("1976-03-15", "2026-03-15", 50)]
    [InlineData("2000-12-31", "2026-01-01", 25)]
    [InlineData("2000-01-01", "2025-12-31", 25)]
    [InlineData("2000-05-10", "2000-05-10", 0)]
    public void Age_counts_completed_calendar_years_and_turns_on_the_birthday(string birth, string on, int expected) =>
        Assert.Equal(expected, Age.At(IsoDate.Parse(birth), IsoDate.Parse(on)));

    [Theory]
    [InlineData("2000-02-29", "2026-02-28", 25)]
    [InlineData("2000-02-29", "2026-03-01", 26)]
    [InlineData("2000-02-29", "2028-02-28", 27)]
    [InlineData("2000-02-29", "2028-02-29", 28)]
    [InlineData("1976-02-29", "2026-02-28", 49)]
    [InlineData("1976-02-29", "2026-03-01", 50)]
    public void A_29_February_birthday_falls_on_1_March_in_non_leap_years(string birth, string on, int expected) =>
        Assert.Equal(expected, Age.At(IsoDate.Parse(birth), IsoDate.Parse(on)));

    [Fact]
    public void A_date_before_the_birth_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Age.At(new DateOnly(2000, 5, 10), new DateOnly(2000, 5, 9)));
}
