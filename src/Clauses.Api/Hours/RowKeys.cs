namespace Clauses.Api.Hours;

/// <summary>
/// The natural keys of the rows already seen in a file or batch (lot, person, period, modality and period kind), to find a
/// row repeating an earlier one. Keys are grouped by all but the person: a group holds its people in a small hash set, then,
/// once that would be larger, in a bitmap over every person of the organisation. A file fills few groups, densely (a lot's
/// month names most of its people), so a million rows take a few hundred kilobytes where one set of packed keys took 16 MB
/// (bench/RESULTS.md, sixth run); sparse groups cost what a <see cref="HashSet{T}"/> of integers does.
/// </summary>
public sealed class RowKeys
{
    private readonly int _people;
    private readonly int _bitmapWords;
    private readonly int _denseAbove;
    private readonly Dictionary<long, Group> _groups = [];

    /// <param name="people">How many people rows may name: person indexes run from 0 to people − 1.</param>
    public RowKeys(int people)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        _people = people;
        _bitmapWords = (people + 63) / 64;
        // A hash set of integers takes ≈ 16 bytes a member (value, hash, link, bucket); the bitmap 1 bit a person.
        _denseAbove = Math.Max(8, _bitmapWords * 8 / 16);
    }

    public int Count { get; private set; }

    /// <summary>False when the same key was added before.</summary>
    public bool Add(int lot, DateOnly period, int modality, int kind, int person)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lot);
        if ((uint)modality > 15) throw new ArgumentOutOfRangeException(nameof(modality));
        if ((uint)kind > 3) throw new ArgumentOutOfRangeException(nameof(kind));
        if ((uint)person >= (uint)_people) throw new ArgumentOutOfRangeException(nameof(person));
        // DayNumber < 2^22 (year 9999); lot in the remaining 35 bits.
        var key = ((long)lot << 28) | ((long)period.DayNumber << 6) | ((long)modality << 2) | (long)kind;
        if (!_groups.TryGetValue(key, out var group)) _groups[key] = group = new Group();
        if (!group.Add(person, this)) return false;
        Count++;
        return true;
    }

    private sealed class Group
    {
        private HashSet<int>? _few = [];
        private ulong[]? _all;

        public bool Add(int person, RowKeys owner)
        {
            if (_all is { } bits)
            {
                var mask = 1UL << person;
                ref var word = ref bits[person >> 6];
                if ((word & mask) != 0) return false;
                word |= mask;
                return true;
            }
            if (!_few!.Add(person)) return false;
            if (_few.Count > owner._denseAbove)
            {
                bits = new ulong[owner._bitmapWords];
                foreach (var p in _few) bits[p >> 6] |= 1UL << p;
                _all = bits;
                _few = null;
            }
            return true;
        }
    }
}
