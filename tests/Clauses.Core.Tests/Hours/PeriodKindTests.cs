using Clauses.Core.Hours;
using Clauses.Core.Tests.Common;
using Clauses.Core.Tests.Eligibility;

namespace Clauses.Core.Tests.Hours;

public class PeriodKindTests
{
    [Fact]
    public void Period_kinds_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(PeriodKind.Terms, ("semaine", "Semaine"), ("mois", "Mois"), ("trimestre", "Trimestre"));

    [Theory]
    [InlineData("semaine", "2025-03-03", "2025-03-09")]
    [InlineData("semaine", "2024-12-30", "2025-01-05")]
    [InlineData("semaine", "2024-02-26", "2024-03-03")]
    [InlineData("mois", "2024-02-01", "2024-02-29")]
    [InlineData("mois", "2025-02-01", "2025-02-28")]
    [InlineData("mois", "2025-01-01", "2025-01-31")]
    [InlineData("mois", "2025-04-01", "2025-04-30")]
    [InlineData("mois", "2025-12-01", "2025-12-31")]
    [InlineData("trimestre", "2025-01-01", "2025-03-31")]
    [InlineData("trimestre", "2024-01-01", "2024-03-31")]
    [InlineData("trimestre", "2025-04-01", "2025-06-30")]
    [InlineData("trimestre", "2025-07-01", "2025-09-30")]
    [InlineData("trimestre", "2025-10-01", "2025-12-31")]
    public void A_period_ends_on_its_last_day_inclusive(string kind, string start, string end) =>
        Assert.Equal(IsoDate.Parse(end), PeriodKind.End(IsoDate.Parse(start), kind));

    [Theory]
    [InlineData("semaine", "2025-03-03", true)]   // Monday
    [InlineData("semaine", "2025-03-02", false)]  // Sunday
    [InlineData("semaine", "2025-03-04", false)]  // Tuesday
    [InlineData("semaine", "2024-12-30", true)]   // Monday of ISO week 1 of 2025
    [InlineData("mois", "2025-03-01", true)]
    [InlineData("mois", "2025-02-28", false)]
    [InlineData("mois", "2025-03-02", false)]
    [InlineData("trimestre", "2025-01-01", true)]
    [InlineData("trimestre", "2025-04-01", true)]
    [InlineData("trimestre", "2025-07-01", true)]
    [InlineData("trimestre", "2025-10-01", true)]
    [InlineData("trimestre", "2025-02-01", false)]
    [InlineData("trimestre", "2025-03-01", false)]
    [InlineData("trimestre", "2025-12-01", false)]
    [InlineData("trimestre", "2025-04-02", false)]
    [InlineData("Mois", "2025-03-01", false)]
    [InlineData("annee", "2025-01-01", false)]
    public void Periods_start_on_a_monday_the_first_of_a_month_or_the_first_of_a_quarter(string kind, string start, bool valid) =>
        Assert.Equal(valid, PeriodKind.IsValidStart(IsoDate.Parse(start), kind));

    [Theory]
    [InlineData("semaine", 48)]
    [InlineData("mois", 208)]
    [InlineData("trimestre", 624)]
    public void Maximum_hours_follow_the_48_hour_week(string kind, int max) =>
        Assert.Equal(max, PeriodKind.MaxHours(kind));

    [Fact]
    public void The_monthly_maximum_is_48_times_52_over_12_exactly()
    {
        Assert.Equal(208m, PeriodKind.MonthlyMaxHours);
        Assert.Equal(3 * PeriodKind.MonthlyMaxHours, PeriodKind.QuarterlyMaxHours);
    }

    [Fact]
    public void Unknown_kinds_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PeriodKind.MaxHours("annee"));
        Assert.Throws<ArgumentException>(() => PeriodKind.End(new DateOnly(2025, 1, 1), "SEMAINE"));
    }
}
