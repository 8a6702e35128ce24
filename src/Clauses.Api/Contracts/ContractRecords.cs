namespace Clauses.Api.Contracts;

// Responses are init-only records (not positional) so Dapper maps them column by column,
// converting timestamptz and date values to the property types.
public sealed record ContractResponse
{
    public Guid Id { get; init; }
    public Guid OrganisationId { get; init; }
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public required string Kind { get; init; }
    public required string Category { get; init; }
    public required string Status { get; init; }
    public string? CpvCode { get; init; }
    public decimal AmountHt { get; init; }
    public DateOnly? NotifiedOn { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    /// <summary>Date the consultation was launched (Loi Climat art. 35 applies from 2026-08-22).</summary>
    public DateOnly? LaunchedOn { get; init; }
    public bool DefenceSecurity { get; init; }
    public int LotCount { get; init; }
    public int AnalysedLotCount { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }

    /// <summary>Every lot has a relevance outcome (seed 004, fiche 31: every contract is analysed).</summary>
    public bool Analysed => LotCount > 0 && AnalysedLotCount == LotCount;
}

public sealed record ContractDetailResponse(ContractResponse Contract, IReadOnlyList<LotResponse> Lots);

/// <summary>Body of POST and PUT /api/contracts. OrganisationId is only read on creation.</summary>
public sealed record ContractRequest(
    Guid? OrganisationId, string? Reference, string? Title, string? Kind, string? Category, string? Status,
    string? CpvCode, decimal? AmountHt, DateOnly? NotifiedOn, DateOnly? StartsOn, DateOnly? EndsOn,
    DateOnly? LaunchedOn = null, bool? DefenceSecurity = null);

public sealed record ContractFilter(Guid[] OrganisationIds, string? Search, string? Kind, string? Category, string? Status);

public sealed record LotResponse
{
    public Guid Id { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid ContractId { get; init; }
    public int Number { get; init; }
    public required string Title { get; init; }
    public string? Trade { get; init; }
    public string? CpvCode { get; init; }
    public decimal AmountHt { get; init; }
    /// <summary>pertinent, non_pertinent, or null while the lot is not analysed.</summary>
    public string? RelevanceOutcome { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
}

/// <summary>Body of POST /api/contracts/{id}/lots and PUT /api/lots/{id}.</summary>
public sealed record LotRequest(int? Number, string? Title, string? Trade, string? CpvCode, decimal? AmountHt);
