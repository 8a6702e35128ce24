using Clauses.Api.Hours;

namespace Clauses.Api.Tests.Hours;

/// <summary>The pipeline's set of packed natural keys (duplicate rows of a file are found with it).</summary>
public sealed class KeySetTests
{
    [Fact]
    public void Finds_every_duplicate_among_a_million_keys_across_growths_including_zero_and_the_largest_key()
    {
        var set = new HoursPipeline.KeySet();
        var random = new Random(42);
        var reference = new HashSet<long>();
        long[] edges = [0, 1, long.MaxValue, 1L << 42, (1L << 42) | 1];
        foreach (var key in edges.Concat(Enumerable.Range(0, 1_000_000).Select(_ => random.NextInt64(0, 1L << 40))))
            Assert.Equal(reference.Add(key), set.Add(key));
        foreach (var key in edges) Assert.False(set.Add(key));
        Assert.Equal(reference.Count, set.Count);
    }

    [Fact]
    public void Refuses_a_negative_key_which_it_could_not_tell_from_its_own_marks()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoursPipeline.KeySet().Add(-1));
    }
}
