using Clauses.Core.Relevance;

namespace Clauses.Api.Relevance;

public sealed record LotRelevance
{
    public Guid LotId { get; init; }
    public int Number { get; init; }
    public required string Title { get; init; }
    /// <summary>pertinent, non_pertinent, or null while the lot is not analysed.</summary>
    public string? Outcome { get; init; }
    public string[] Instruments { get; init; } = [];
    public string? Reason { get; init; }
    public string? Comment { get; init; }
    public string? LoiClimatException { get; init; }
    public string? AnalysedBy { get; init; }
    public DateTime? AnalysedAt { get; init; }
    /// <summary>The analysis's version, for If-Match; null before the first analysis.</summary>
    public int? Version { get; init; }
}

public sealed record ContractRelevance(
    Guid ContractId, bool Analysed, int AnalysedLotCount, int LotCount, LoiClimatResult LoiClimat, IReadOnlyList<LotRelevance> Lots);

/// <summary>Body of PUT /api/lots/{lotId}/relevance.</summary>
public sealed record RelevanceRequest(string? Outcome, string[]? Instruments, string? Reason, string? Comment, string? LoiClimatException);

/// <summary>What the Loi Climat check needs to know of a contract.</summary>
public sealed record ContractFacts
{
    public Guid Id { get; init; }
    public Guid OrganisationId { get; init; }
    public decimal AmountHt { get; init; }
    public required string Category { get; init; }
    public required string Kind { get; init; }
    public DateOnly? LaunchedOn { get; init; }
    public bool DefenceSecurity { get; init; }
    public required string OrganisationKind { get; init; }

    public LoiClimatInput ToLoiClimatInput() => new(AmountHt, Category, OrganisationKind, Kind, LaunchedOn, DefenceSecurity);
}
