namespace Clauses.Core.Contracts;

/// <summary>A contract as submitted for creation or update. Non-nullable strings are required (null is still reported, not thrown).</summary>
public sealed record ContractInput(
    string Reference,
    string Title,
    string Kind,
    string Category,
    string Status,
    string? CpvCode,
    decimal AmountHt,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    DateOnly? NotifiedOn);
