using Clauses.Api.Hours;

namespace Clauses.Api.Tests.Hours;

/// <summary>The pipeline's set of natural keys, with which a file's repeated rows are found.</summary>
public sealed class RowKeysTests
{
    private static readonly DateOnly March = new(2026, 3, 1);

    [Theory]
    [InlineData(5_000, 20, 12, 1)]      // a large file: every group dense (bitmaps)
    [InlineData(5_000, 2_000, 40, 9)]   // many sparse groups (hash sets)
    [InlineData(64, 3, 3, 2)]           // people on one bitmap word, groups crossing to bitmaps early
    [InlineData(1, 2, 2, 1)]
    public void Finds_exactly_the_keys_added_before_whether_groups_are_sparse_or_dense(int people, int lots, int months, int modalities)
    {
        var keys = new RowKeys(people);
        var reference = new HashSet<(int, DateOnly, int, int, int)>();
        var random = new Random(people + lots);
        for (var i = 0; i < 200_000; i++)
        {
            var key = (random.Next(lots), March.AddMonths(random.Next(months)), random.Next(modalities), random.Next(3), random.Next(people));
            Assert.Equal(reference.Add(key), keys.Add(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5));
        }
        Assert.Equal(reference.Count, keys.Count);
        foreach (var key in reference.Take(1_000)) Assert.False(keys.Add(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5));
    }

    [Fact]
    public void Keys_differing_in_a_single_part_are_different_keys()
    {
        var keys = new RowKeys(100);
        Assert.True(keys.Add(1, March, 2, 1, 63));
        Assert.True(keys.Add(2, March, 2, 1, 63));
        Assert.True(keys.Add(1, March.AddDays(1), 2, 1, 63));
        Assert.True(keys.Add(1, March, 3, 1, 63));
        Assert.True(keys.Add(1, March, 2, 0, 63));
        Assert.True(keys.Add(1, March, 2, 1, 64));
        Assert.True(keys.Add(1, March, 2, 1, 0));
        Assert.True(keys.Add(int.MaxValue, DateOnly.MaxValue, 15, 3, 99));
        Assert.False(keys.Add(1, March, 2, 1, 63));
        Assert.False(keys.Add(int.MaxValue, DateOnly.MaxValue, 15, 3, 99));
        Assert.Equal(8, keys.Count);
    }

    [Fact]
    public void A_person_crossing_into_a_bitmap_keeps_every_earlier_member_of_the_group()
    {
        var keys = new RowKeys(10_000);
        for (var p = 0; p < 10_000; p += 7) Assert.True(keys.Add(0, March, 0, 1, p));
        for (var p = 0; p < 10_000; p++) Assert.Equal(p % 7 != 0, keys.Add(0, March, 0, 1, p));
        Assert.Equal(10_000, keys.Count);
    }

    [Fact]
    public void A_million_rows_of_dense_months_take_well_under_a_megabyte()
    {
        var keys = new RowKeys(5_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++) keys.Add(i / 5_000 % 20, March.AddMonths(i / 100_000), 0, 1, i % 5_000);
        Assert.Equal(1_000_000, keys.Count);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1_000_000);
    }

    [Fact]
    public void Refuses_parts_it_cannot_hold_apart()
    {
        var keys = new RowKeys(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Add(-1, March, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Add(0, March, 16, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Add(0, March, 0, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Add(0, March, 0, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Add(0, March, 0, 0, -1));
    }
}
