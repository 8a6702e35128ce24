namespace Clauses.Api.Hours.Workbooks;

// Template input (what the facilitator downloads).
public sealed record TemplateLot(int Number, string Title);

/// <summary>A participant offered in the drop-down, e.g. ("P-000123", "DUPONT Marie").</summary>
public sealed record TemplateParticipant(string Reference, string DisplayName);

public sealed record TemplateModality(string Code, string Label);

public sealed record TemplateRow(int LotNumber, string ParticipantReference, string EmployerSiret, string Modality, DateOnly Period,
    decimal Hours, decimal? InvoicedAmountHt, string? EvidenceReference);

public sealed record TemplateInput(string ContractReference, string ContractTitle, DateOnly Period, IReadOnlyList<TemplateLot> Lots,
    IReadOnlyList<TemplateParticipant> Participants, IReadOnlyList<TemplateModality> Modalities, IReadOnlyList<TemplateRow> Rows);

// Reader output.

/// <summary>A declared period: its first day and its kind ("semaine" starts on a Monday, "mois" on the 1st, "trimestre" on a quarter's 1st day).</summary>
public sealed record ImportPeriod(DateOnly Start, string Kind)
{
    public const string Week = "semaine";
    public const string Month = "mois";
    public const string Quarter = "trimestre";
}

/// <summary>One non-blank data row; a field whose cell was faulty is null (and a <see cref="CellError"/> was reported).</summary>
public readonly record struct ImportRow(int Row, int? LotNumber, string? ParticipantReference, string? LastName, string? FirstName, DateOnly? BirthDate,
    string? EmployerSiret, string? Modality, ImportPeriod? Period, decimal? Hours, decimal? InvoicedAmountHt, string? EvidenceReference);

/// <summary>A faulty cell. Column is the letter ("F"), empty for an error that belongs to no cell; Field is the camelCase field name.</summary>
public sealed record CellError(string Sheet, int Row, string Column, string Field, string Message);

/// <summary>
/// Guards applied before and while reading an uploaded workbook.
/// MaxFileBytes: the upload itself (413). MaxUncompressedBytes: any single part once inflated, declared or counted (413).
/// MaxCompressionRatio: inflated ÷ compressed size of a part larger than 1 MiB, declared or counted (413).
/// MaxRows: non-blank data rows (413). MaxErrors: cell errors reported before a single "more errors omitted" error.
/// </summary>
public sealed record WorkbookLimits(long MaxFileBytes = 100_000_000, long MaxUncompressedBytes = 1_000_000_000, int MaxCompressionRatio = 200,
    int MaxRows = 200_000, int MaxErrors = 1_000, int ChunkRows = 20_000);

/// <summary>The file cannot be read at all: Status is 400 (corrupt, unsafe, unrecognisable), 413 (too large) or 415 (not an .xlsx).</summary>
public sealed class WorkbookRejectedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>The sheet that was read, its non-blank data row count and where each recognised field was found (field → column letter).</summary>
public sealed record ReadSummary(string Sheet, int Rows, IReadOnlyDictionary<string, string> Columns);
