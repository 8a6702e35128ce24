using Clauses.Core.Relevance;

namespace Clauses.Core.Tests.Relevance;

public class EuThresholdsTests
{
    [Fact]
    public void Default_table_holds_the_dated_thresholds() =>
        Assert.Equal(
        [
            new EuThreshold(new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31), 215_000m, 140_000m, 5_382_000m),
            new EuThreshold(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31), 221_000m, 143_000m, 5_538_000m),
            new EuThreshold(new DateOnly(2026, 1, 1), null, 216_000m, 140_000m, 5_404_000m),
        ], EuThresholds.Default);

    [Theory]
    [InlineData(2022, 1, 1, 215_000)]
    [InlineData(2023, 12, 31, 215_000)]
    [InlineData(2024, 1, 1, 221_000)]
    [InlineData(2025, 12, 31, 221_000)]
    [InlineData(2026, 1, 1, 216_000)]
    [InlineData(2030, 6, 15, 216_000)]
    public void Row_in_force_is_found_by_date_with_inclusive_bounds(int year, int month, int day, int local) =>
        Assert.Equal(local, EuThresholds.At(EuThresholds.Default, new DateOnly(year, month, day))!.SuppliesServicesLocal);

    [Fact]
    public void Date_before_the_table_has_no_threshold() =>
        Assert.Null(EuThresholds.At(EuThresholds.Default, new DateOnly(2021, 12, 31)));

    [Fact]
    public void Configured_table_is_used_instead_of_the_default()
    {
        EuThreshold[] table = [new(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), 1m, 2m, 3m)];
        Assert.Equal(3m, EuThresholds.At(table, new DateOnly(2027, 12, 31))!.Works);
        Assert.Null(EuThresholds.At(table, new DateOnly(2028, 1, 1)));
        Assert.Null(EuThresholds.At([], new DateOnly(2026, 9, 1)));
    }
}
