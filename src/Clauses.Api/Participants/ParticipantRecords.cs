namespace Clauses.Api.Participants;

/// <summary>A participant as listed: the opaque id and reference everywhere; the name only for the organisation's facilitators.</summary>
public sealed record ParticipantSummary
{
    public Guid Id { get; init; }
    public Guid OrganisationId { get; init; }
    public long Number { get; init; }
    public string Reference => Core.Participants.ParticipantRules.Reference(Number);
    public string? DisplayName { get; init; }
    public string? Sex { get; init; }
    public int? BirthYear { get; init; }
    public string? Departement { get; init; }
    public bool? QpvResident { get; init; }
    public string? EducationLevel { get; init; }
    public bool EligibleNow { get; init; }
    public DateOnly? LastValidatedOn { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public DateTime? AnonymisedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public int Version { get; init; }
}

public sealed record IdentityRecord
{
    public required string LastName { get; init; }
    public required string FirstName { get; init; }
    public DateOnly BirthDate { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? Postcode { get; init; }
    public string? City { get; init; }
    public string? FranceTravailId { get; init; }
}

public sealed record ValidationRecord
{
    public Guid Id { get; init; }
    public string[] Criteria { get; init; } = [];
    public required string Basis { get; init; }
    public string? PrescriberKind { get; init; }
    public string? PrescriberName { get; init; }
    public string? EvidenceReference { get; init; }
    public DateOnly ValidatedOn { get; init; }
    public DateOnly ValidUntil { get; init; }
    public DateTime CreatedAt { get; init; }
}

public sealed record AssignmentRecord
{
    public Guid Id { get; init; }
    public Guid LotId { get; init; }
    public Guid ContractId { get; init; }
    public string? ContractReference { get; init; }
    public int LotNumber { get; init; }
    public Guid? ClauseId { get; init; }
    public required string EmployerSiret { get; init; }
    public Guid? SiaeId { get; init; }
    public required string Modality { get; init; }
    public string? EmploymentContract { get; init; }
    public string? JobTitle { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
}

public sealed record ExitRecord
{
    public Guid Id { get; init; }
    public DateOnly ExitedOn { get; init; }
    public required string Outcome { get; init; }
    public DateOnly FollowUpDueOn { get; init; }
    public DateOnly? FollowUpOn { get; init; }
    public string? FollowUpOutcome { get; init; }
}

public sealed record ParticipantDetail(ParticipantSummary Participant, IdentityRecord? Identity, IReadOnlyList<ValidationRecord> Validations,
    IReadOnlyList<AssignmentRecord> Assignments, IReadOnlyList<ExitRecord> Exits);

public sealed record IdentityRequest(string? LastName, string? FirstName, DateOnly? BirthDate, string? Email, string? Phone, string? Address,
    string? Postcode, string? City, string? FranceTravailId);

/// <summary>Body of POST /api/participants and PUT /api/participants/{id}.</summary>
public sealed record ParticipantRequest(Guid? OrganisationId, IdentityRequest? Identity, string? Sex, string? Departement, bool? QpvResident, string? EducationLevel);

public sealed record ValidationRequest(string[]? Criteria, string? Basis, string? PrescriberKind, string? PrescriberName, string? EvidenceReference, DateOnly? ValidatedOn);

public sealed record AssignmentRequest(Guid? LotId, string? EmployerSiret, Guid? SiaeId, string? Modality, string? EmploymentContract, string? JobTitle,
    DateOnly? StartsOn, DateOnly? EndsOn);

public sealed record ExitRequest(DateOnly? ExitedOn, string? Outcome);

public sealed record FollowUpRequest(DateOnly? FollowUpOn, string? Outcome);

public sealed record ErasureResponse(string Outcome, string Detail);
