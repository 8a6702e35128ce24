namespace Clauses.Core.Common;

/// <summary>
/// Accumulates French validation messages per field. Field names are camelCase, as the JSON sees them,
/// so that <see cref="ToDictionary"/> can be handed as-is to an RFC 7807 validation problem.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no error was added.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>The fields in error, in the order they were first reported.</summary>
    public IReadOnlyCollection<string> Fields => _errors.Keys;

    public void Add(string field, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors.Add(field, messages);
        }

        messages.Add(message);
    }

    /// <summary>The messages for one field (empty when the field is valid).</summary>
    public IReadOnlyList<string> For(string field) =>
        _errors.TryGetValue(field, out var messages) ? messages.AsReadOnly() : [];

    /// <summary>Copies <paramref name="other"/>'s errors, prefixing field names (e.g. "lots[0]" gives "lots[0].title").</summary>
    public void Merge(ValidationErrors other, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, messages) in other._errors)
        {
            foreach (var message in messages)
            {
                Add(string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}", message);
            }
        }
    }

    /// <summary>A fresh copy in the shape of ASP.NET's validation problem (field → messages).</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
