namespace Clauses.Core.Common;

/// <summary>One entry of a closed vocabulary: a stable wire code (stored in the database) and its French label.</summary>
public interface ITerm
{
    /// <summary>Stable code, byte-identical to the database CHECK constraint and the JSON value.</summary>
    string Code { get; }

    /// <summary>French label shown to users.</summary>
    string Label { get; }
}

/// <summary>A plain vocabulary entry with no extra attribute.</summary>
public sealed record Term(string Code, string Label) : ITerm;
