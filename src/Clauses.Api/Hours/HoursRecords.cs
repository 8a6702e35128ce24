namespace Clauses.Api.Hours;

/// <summary>One row of hours as sent by the Excel pane, an API client or a workbook import (a struct: an import makes a
/// million of them, which as objects were 150 MB of garbage per million rows).</summary>
public readonly record struct HourInput(
    int Row, int? LotNumber, string? ParticipantReference, string? LastName, string? FirstName, DateOnly? BirthDate,
    string? EmployerSiret, string? Modality, DateOnly? Period, string? PeriodKind, decimal? Hours, decimal? InvoicedAmountHt,
    string? EvidenceReference);

public sealed record FieldError(string Field, string Message);

public sealed record RowOutcome(int Row, string Status, IReadOnlyList<FieldError> Errors)
{
    public const string Accepted = "accepted", Replaced = "replaced", Unchanged = "unchanged", Rejected = "rejected";
}

/// <summary>Body of POST /api/contracts/{id}/hours/batch.</summary>
public sealed record HoursBatchRequest(bool DryRun, string? Source, HourBatchRow[]? Rows);

public sealed record HourBatchRow(
    int Row, int? LotNumber, string? ParticipantReference, string? EmployerSiret, string? Modality, DateOnly? Period, string? PeriodKind,
    decimal? Hours, decimal? InvoicedAmountHt, string? EvidenceReference)
{
    public HourInput ToInput() => new(Row, LotNumber, ParticipantReference, null, null, null, EmployerSiret, Modality, Period, PeriodKind,
        Hours, InvoicedAmountHt, EvidenceReference);
}

public sealed record HoursBatchResponse(int Accepted, int Replaced, int Unchanged, int Rejected, IReadOnlyList<RowOutcome> Rows);

public sealed record StatementInfo
{
    public DateOnly Period { get; init; }
    public int Version { get; init; }
    public required string Status { get; init; }
    public DateTime? ValidatedAt { get; init; }
    public string? ValidatedBy { get; init; }
    public decimal TotalHours { get; init; }
    public int RecordCount { get; init; }
}

public sealed record HourRowResponse
{
    public int LotNumber { get; init; }
    public Guid ParticipantId { get; init; }
    public long ParticipantNumber { get; init; }
    public string ParticipantReference => Core.Participants.ParticipantRules.Reference(ParticipantNumber);
    public string? ParticipantName { get; init; }
    public required string EmployerSiret { get; init; }
    public required string Modality { get; init; }
    public DateOnly Period { get; init; }
    public required string PeriodKind { get; init; }
    public decimal Hours { get; init; }
    public decimal? InvoicedAmountHt { get; init; }
    public string? EvidenceReference { get; init; }
}

public sealed record ContractHoursResponse(Guid ContractId, DateOnly Period, StatementInfo? Statement, IReadOnlyList<HourRowResponse> Rows);
