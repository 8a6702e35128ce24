using Clauses.Api.Hours;

namespace Clauses.Api.Tests.Hours;

/// <summary>The per lot and person values of an import's checks (first starts, eligibility judged there).</summary>
public sealed class PairMapTests
{
    [Theory]
    [InlineData(20, 5_000, 100_000)]   // every person on every lot: lots turn dense
    [InlineData(200, 50_000, 20_000)]  // sparse: lots stay dictionaries
    [InlineData(3, 64, 500)]           // one presence word per lot
    [InlineData(1, 1, 10)]
    public void Holds_the_last_value_set_for_each_lot_and_person_and_nothing_else(int lots, int people, int writes)
    {
        var map = new PairMap<DateOnly>(lots, people);
        var reference = new Dictionary<(int, int), DateOnly>();
        var random = new Random(lots * 31 + people);
        for (var i = 0; i < writes; i++)
        {
            var (lot, person) = (random.Next(lots), random.Next(people));
            var value = new DateOnly(2024, 1, 1).AddDays(random.Next(1_000));
            reference[(lot, person)] = value;
            map.Set(lot, person, value);
            Assert.Equal(reference.Count, map.Count);
        }
        for (var i = 0; i < 20_000; i++)
        {
            var (lot, person) = (random.Next(lots), random.Next(people));
            Assert.Equal(reference.TryGetValue((lot, person), out var expected), map.TryGetValue(lot, person, out var actual));
            Assert.Equal(expected, actual);
        }
        foreach (var ((lot, person), expected) in reference)
        {
            Assert.True(map.TryGetValue(lot, person, out var actual));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_lot_turning_dense_keeps_its_earlier_values_and_tells_a_default_value_from_none()
    {
        var map = new PairMap<(bool Eligible, DateOnly? ValidatedOn)>(2, 1_000);
        map.Set(1, 999, default);
        for (var p = 0; p < 1_000; p += 2) map.Set(1, p, (true, new DateOnly(2025, 1, 1).AddDays(p)));
        Assert.True(map.TryGetValue(1, 999, out var kept));
        Assert.Equal(default, kept);
        Assert.True(map.TryGetValue(1, 998, out var last));
        Assert.Equal((true, new DateOnly(2025, 1, 1).AddDays(998)), last);
        Assert.False(map.TryGetValue(1, 997, out _));
        Assert.False(map.TryGetValue(0, 998, out _));
        Assert.Equal(501, map.Count);
    }

    [Fact]
    public void A_contract_of_dense_lots_takes_a_fraction_of_a_dictionary_keyed_by_pair()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var map = new PairMap<DateOnly>(20, 5_000);
        for (var lot = 0; lot < 20; lot++)
            for (var person = 0; person < 5_000; person++) map.Set(lot, person, new DateOnly(2020, 1, 1));
        Assert.Equal(100_000, map.Count);
        // Allocated: each lot's dictionary until it turned dense, then 5 000 × 4 bytes and 79 presence words (≈ 1.9 MB in
        // all, 0.4 MB of it kept); a Dictionary<long, DateOnly> of the 100 000 pairs allocates ≈ 5.6 MB as it grows.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 2_500_000);
    }

    [Fact]
    public void Refuses_a_lot_or_person_outside_its_bounds()
    {
        var map = new PairMap<int>(2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Set(2, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Set(0, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.TryGetValue(-1, 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.TryGetValue(0, -1, out _));
    }
}
