namespace Clauses.Api.Hours;

/// <summary>
/// A value per lot and person of a contract (a person's first start on a lot, the eligibility judged there), by their
/// indexes in <see cref="HoursContext"/>. Each lot starts as a dictionary and becomes an array over the organisation's people
/// once that is smaller: a contract whose people all work on each lot fills its lots densely, and 100 000 pairs then take
/// ≈ 0.5 MB per map where a dictionary keyed by pair took 3 MB (bench/RESULTS.md, sixth run).
/// </summary>
public sealed class PairMap<T> where T : struct
{
    private readonly int _people;
    private readonly int _denseAbove;
    private readonly Lot?[] _lots;

    public PairMap(int lots, int people)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lots);
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        _lots = new Lot?[lots];
        _people = people;
        // A dictionary entry holds the key, a hash, a link and a bucket (≈ 16 bytes) besides the value; the array holds the
        // value and a presence bit for every person.
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        _denseAbove = (int)Math.Min(int.MaxValue, (long)people * (size * 8 + 1) / (8 * (16 + size)));
    }

    public int Count { get; private set; }

    public bool TryGetValue(int lot, int person, out T value)
    {
        Check(lot, person);
        value = default;
        return _lots[lot] is { } entries && entries.TryGetValue(person, out value);
    }

    public void Set(int lot, int person, T value)
    {
        Check(lot, person);
        var entries = _lots[lot] ??= new Lot();
        if (entries.Set(person, value)) Count++;
        if (entries.Sparse is { } sparse && sparse.Count > _denseAbove) entries.Densify(_people);
    }

    private void Check(int lot, int person)
    {
        if ((uint)lot >= (uint)_lots.Length) throw new ArgumentOutOfRangeException(nameof(lot));
        if ((uint)person >= (uint)_people) throw new ArgumentOutOfRangeException(nameof(person));
    }

    private sealed class Lot
    {
        public Dictionary<int, T>? Sparse = [];
        private T[]? _values;
        private ulong[]? _present;

        public bool TryGetValue(int person, out T value)
        {
            if (Sparse is not null) return Sparse.TryGetValue(person, out value);
            value = _values![person];
            return (_present![person >> 6] & (1UL << person)) != 0;
        }

        /// <summary>True when the person had no value yet.</summary>
        public bool Set(int person, T value)
        {
            if (Sparse is not null)
            {
                var added = Sparse.TryAdd(person, value);
                if (!added) Sparse[person] = value;
                return added;
            }
            _values![person] = value;
            ref var word = ref _present![person >> 6];
            var isNew = (word & (1UL << person)) == 0;
            word |= 1UL << person;
            return isNew;
        }

        public void Densify(int people)
        {
            _values = new T[people];
            _present = new ulong[(people + 63) / 64];
            foreach (var (person, value) in Sparse!)
            {
                _values[person] = value;
                _present[person >> 6] |= 1UL << person;
            }
            Sparse = null;
        }
    }
}
