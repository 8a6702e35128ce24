namespace Clauses.Core.Contracts;

/// <summary>A lot of a contract as submitted. <paramref name="Trade"/> is a lower-case trade code (e.g. "peinture_interieure").</summary>
public sealed record LotInput(int Number, string Title, string? Trade, string? CpvCode, decimal AmountHt);
