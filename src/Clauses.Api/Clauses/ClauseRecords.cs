using Clauses.Core.Sizing;

namespace Clauses.Api.Clauses;

/// <summary>Body of POST /api/lots/{lotId}/clauses and PUT /api/clauses/{id}. Rates and shares are fractions (5 % is 0.05).</summary>
public sealed record ClauseRequest(
    string? Instrument, string? SizingMode, decimal? AmountHt, decimal? LabourShare, string? LabourShareSource,
    decimal? InsertionRate, decimal? HourlyCost, string? RoundingMode, string? Preset, decimal? AwardWeight,
    decimal? PenaltyPerHour, decimal? PenaltyCap, string[]? EligibleCriteria, string[]? AllowedModalities,
    string? ReportingFrequency, string? FacilitatorContact, decimal? TargetHours = null,
    string? WordingCode = null, int? WordingVersion = null);

/// <summary>A clause as stored, with what rendering it needs (its lot, contract, buyer and wording).</summary>
public sealed record ClauseRow
{
    public Guid Id { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid ContractId { get; init; }
    public Guid LotId { get; init; }
    public int LotNumber { get; init; }
    public required string LotTitle { get; init; }
    public required string ContractReference { get; init; }
    public required string ContractTitle { get; init; }
    public required string BuyerName { get; init; }
    public required string Instrument { get; init; }
    public string? SizingMode { get; init; }
    public decimal? AmountHt { get; init; }
    public decimal? LabourShare { get; init; }
    public string? LabourShareSource { get; init; }
    public decimal? InsertionRate { get; init; }
    public decimal? HourlyCost { get; init; }
    public required string RoundingMode { get; init; }
    public decimal? TargetHours { get; init; }
    public decimal? ExactHours { get; init; }
    public string? Preset { get; init; }
    public decimal? AwardWeight { get; init; }
    public decimal? PenaltyPerHour { get; init; }
    public decimal? PenaltyCap { get; init; }
    public string[] EligibleCriteria { get; init; } = [];
    public string[] AllowedModalities { get; init; } = [];
    public string? ReportingFrequency { get; init; }
    public string? FacilitatorContact { get; init; }
    public string? WordingCode { get; init; }
    public int? WordingVersion { get; init; }
    public string? WordingTitle { get; init; }
    public string? WordingLegalBasis { get; init; }
    public string? WordingBody { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }

    public SizingInput ToSizingInput() => new(AmountHt, LabourShare, LabourShareSource ?? Core.Sizing.LabourShareSource.Saisie,
        InsertionRate, HourlyCost, SizingMode ?? Core.Sizing.SizingMode.HeuresFixes, RoundingMode, Preset, AllowedModalities);
}

public sealed record ClauseResponse(
    Guid Id, Guid ContractId, Guid LotId, int LotNumber, string Instrument, string? SizingMode, decimal? AmountHt,
    decimal? LabourShare, string? LabourShareSource, decimal? InsertionRate, decimal? HourlyCost, string RoundingMode,
    string? Preset, decimal? AwardWeight, decimal? PenaltyPerHour, decimal? PenaltyCap, IReadOnlyList<string> EligibleCriteria,
    IReadOnlyList<string> AllowedModalities, string? ReportingFrequency, string? FacilitatorContact, decimal? TargetHours,
    decimal? ExactHours, string? Formula, IReadOnlyList<SizingWarning> Warnings, string? WordingCode, int? WordingVersion,
    string Tag, DateTime UpdatedAt, int Version);

public sealed record RenderResponse(Guid ClauseId, string Tag, string Title, int Version, string Text, string Ooxml, string ContentOoxml);

public sealed record DocumentCheckRequest(string[]? Tags);

public sealed record CheckedClause(string Tag, Guid ClauseId, int LotNumber, string Instrument);
public sealed record OutdatedClause(string Tag, string CurrentTag, Guid ClauseId, int LotNumber, string Instrument, int FromVersion, int ToVersion);
public sealed record MissingClause(Guid ClauseId, int LotNumber, string Instrument, string Tag);

public sealed record DocumentCheckResponse(
    IReadOnlyList<CheckedClause> UpToDate, IReadOnlyList<OutdatedClause> Outdated, IReadOnlyList<string> Unknown, IReadOnlyList<MissingClause> Missing);
