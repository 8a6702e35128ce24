using System.Collections.ObjectModel;

namespace Clauses.Core.Common;

/// <summary>
/// A closed, ordered list of terms looked up by their exact code (ordinal, case-sensitive).
/// Each vocabulary of the domain is one static instance of this class.
/// </summary>
public sealed class Vocabulary<T>
    where T : ITerm
{
    private readonly Dictionary<string, T> _byCode;

    public Vocabulary(IEnumerable<T> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var list = terms.ToList();
        _byCode = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var term in list)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(term.Code, nameof(terms));
            ArgumentException.ThrowIfNullOrWhiteSpace(term.Label, nameof(terms));
            if (!_byCode.TryAdd(term.Code, term))
            {
                throw new ArgumentException($"Duplicate code '{term.Code}'.", nameof(terms));
            }
        }

        All = new ReadOnlyCollection<T>(list);
        Codes = new ReadOnlyCollection<string>(list.Select(t => t.Code).ToList());
    }

    /// <summary>Every term, in declaration order.</summary>
    public IReadOnlyList<T> All { get; }

    /// <summary>Every code, in declaration order.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>The codes joined for a validation message, e.g. "travaux, services, fournitures".</summary>
    public string CodesText => string.Join(", ", Codes);

    /// <summary>True when <paramref name="code"/> is exactly one of the codes (no trimming, case-sensitive).</summary>
    public bool IsKnown(string? code) => code is not null && _byCode.ContainsKey(code);

    /// <summary>The term for <paramref name="code"/>, or null when the code is unknown.</summary>
    public T? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var term) ? term : default;

    /// <summary>The French label of a known code.</summary>
    /// <exception cref="ArgumentException">The code is unknown.</exception>
    public string Label(string code) =>
        Find(code) is { } term ? term.Label : throw new ArgumentException($"Unknown code '{code}'.", nameof(code));
}
