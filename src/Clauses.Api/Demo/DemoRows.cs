namespace Clauses.Api.Demo;

// One record per table row the demo writes. Fields follow the columns of the migrations; the few
// non-column members (Contract, Trade, ...) only help the generator and are never written.

internal sealed record OrganisationRow(Guid Id, string Key, string Name, string Kind, string Siret, string Departement);

internal sealed record UserRow(Guid Id, string Email, string DisplayName, string ObjectId, bool PlatformAdmin);

internal sealed record MembershipRow(Guid OrganisationId, Guid UserId, string Role);

internal sealed record CompanyRow(Guid Id, string Siret, string Name, string NafCode, string Departement);

internal sealed record LabourShareOverrideRow(Guid OrganisationId, string Trade, decimal Share, string Source, Guid? UpdatedBy);

internal sealed record ContractRow(
    Guid Id, Guid OrganisationId, string Reference, string Title, string Kind, string Category, string Status,
    string CpvCode, decimal AmountHt, DateOnly? NotifiedOn, DateOnly? StartsOn, DateOnly? EndsOn, Guid? CreatedBy)
{
    public bool Executing => Status is "en_execution" or "termine";
}

internal sealed record LotRow(
    Guid Id, Guid OrganisationId, ContractRow Contract, int Number, string Title, string Trade, string CpvCode,
    decimal AmountHt, CompanyRow? Contractor);

internal sealed record AnalysisRow(
    Guid Id, Guid OrganisationId, Guid LotId, string Outcome, string[] Instruments, string? Reason, string? Comment,
    bool LoiClimatApplies, Guid? AnalysedBy, DateTime AnalysedAt);

internal sealed record ClauseRow(
    Guid Id, Guid OrganisationId, LotRow Lot, string Instrument, string? SizingMode, decimal? AmountHt, decimal? LabourShare,
    string? LabourShareSource, decimal? InsertionRate, decimal? HourlyCost, decimal? TargetHours, string? Preset,
    decimal? AwardWeight, decimal? PenaltyPerHour, decimal? PenaltyCap, string[] EligibleCriteria, string[] AllowedModalities,
    Guid? FacilitatorUserId, string? ReportingFrequency, Guid? CreatedBy);

internal sealed record SiaeRow(
    Guid Id, string Siret, string Name, string Kind, string[] Sectors, string[] Departements, string City, string Postcode,
    int RadiusKm, string ContactEmail, string ContactPhone, string Source, string? ExternalId, Guid? AccountOrganisationId,
    DateTime? ImportedAt);

internal sealed record TenderRow(
    Guid Id, Guid OrganisationId, Guid ContractId, Guid LotId, string BuyerName, string ContractReference, int LotNumber,
    string Title, string Description, string Reservation,
    string[] Sectors, string[] Departements, decimal AmountHt, DateTime DeadlineAt, string Status, DateTime? PublishedAt,
    Guid? CreatedBy);

internal sealed record TenderInterestRow(Guid TenderId, Guid SiaeId, Guid OrganisationId, Guid? UserId, string Message);

internal sealed record ParticipantRow(
    Guid Id, Guid OrganisationId, string Sex, int BirthYear, string Departement, bool QpvResident, string EducationLevel,
    Guid? CreatedBy)
{
    public DateOnly? LastActivityOn { get; set; }
}

internal sealed record IdentityRow(
    Guid ParticipantId, Guid OrganisationId, string LastName, string FirstName, DateOnly BirthDate, string? Email,
    string? Phone, string Address, string Postcode, string City, string? FranceTravailId);

internal sealed record EligibilityRow(
    Guid Id, Guid OrganisationId, Guid ParticipantId, string[] Criteria, string Basis, string? PrescriberKind,
    string? PrescriberName, string EvidenceReference, DateOnly ValidatedOn, DateOnly ValidUntil, Guid? ValidatedBy);

internal sealed record AssignmentRow(
    Guid Id, Guid OrganisationId, Guid ParticipantId, LotRow Lot, ClauseRow Clause, string EmployerSiret, SiaeRow? Siae,
    string Modality, string EmploymentContract, string JobTitle, DateOnly StartsOn, DateOnly? EndsOn, Guid? CreatedBy);

internal sealed record StatementRow(
    Guid Id, Guid OrganisationId, Guid ContractId, DateOnly Period, string Status, Guid? ValidatedBy, DateTime? ValidatedAt);

internal sealed record HourRow(
    Guid OrganisationId, Guid ContractId, Guid LotId, Guid ClauseId, Guid ParticipantId, string EmployerSiret, Guid? SiaeId,
    string Modality, DateOnly Period, decimal Hours, string CountingMethod, decimal? InvoicedAmountHt,
    string EvidenceReference, string Source, byte[]? FileHash, Guid? DeclaredBy);

internal sealed record ExitRow(
    Guid Id, Guid OrganisationId, Guid ParticipantId, DateOnly ExitedOn, string Outcome, DateOnly FollowUpDueOn,
    DateOnly? FollowUpOn, string? FollowUpOutcome, Guid? CreatedBy);

internal sealed record SparTargetRow(Guid Id, Guid OrganisationId, int Year, string Indicator, decimal TargetValue, string Unit, Guid? CreatedBy);

/// <summary>Everything the demo writes, in memory, before it reaches the database.</summary>
internal sealed class DemoData
{
    public List<OrganisationRow> Organisations { get; } = [];
    public List<UserRow> Users { get; } = [];
    public List<MembershipRow> Memberships { get; } = [];
    public List<CompanyRow> Companies { get; } = [];
    public List<LabourShareOverrideRow> LabourShareOverrides { get; } = [];
    public List<ContractRow> Contracts { get; } = [];
    public List<LotRow> Lots { get; } = [];
    public List<AnalysisRow> Analyses { get; } = [];
    public List<ClauseRow> Clauses { get; } = [];
    public List<SiaeRow> Siae { get; } = [];
    public List<TenderRow> Tenders { get; } = [];
    public List<TenderInterestRow> TenderInterests { get; } = [];
    public List<ParticipantRow> Participants { get; } = [];
    public List<IdentityRow> Identities { get; } = [];
    public List<EligibilityRow> Eligibilities { get; } = [];
    public List<AssignmentRow> Assignments { get; } = [];
    public List<StatementRow> Statements { get; } = [];
    public List<HourRow> Hours { get; } = [];
    public List<ExitRow> Exits { get; } = [];
    public List<SparTargetRow> SparTargets { get; } = [];
}
