namespace Clauses.Api.Tenders;

public sealed record TenderResponse
{
    public Guid Id { get; init; }
    public Guid OrganisationId { get; init; }
    public required string BuyerName { get; init; }
    public Guid ContractId { get; init; }
    public required string ContractReference { get; init; }
    public Guid? LotId { get; init; }
    public int? LotNumber { get; init; }
    public required string Title { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public required string Reservation { get; init; }
    public string[] Sectors { get; init; } = [];
    public string[] Departements { get; init; } = [];
    public decimal? AmountHt { get; init; }
    public DateTime DeadlineAt { get; init; }
    public string? DocumentsUrl { get; init; }
    public required string Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public Guid? AwardedSiaeId { get; init; }
    public string? AwardedSiaeName { get; init; }
    public DateTime? AwardedAt { get; init; }
    public int InterestedCount { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
}

/// <summary>A published tender as an SIAE sees it, with how well it fits the SIAE and its own answer.</summary>
public sealed record SiaeTenderView(TenderResponse Tender, int Match, bool? Interested);

/// <summary>Body of POST /api/lots/{lotId}/tenders and PUT /api/tenders/{id}.</summary>
public sealed record TenderRequest(string? Title, string? Summary, string? Description, string[]? Sectors, string[]? Departements,
    DateTimeOffset? DeadlineAt, string? DocumentsUrl, decimal? AmountHt);

public sealed record InterestRequest(bool? Interested, string? Message);

public sealed record InterestResponse
{
    public Guid TenderId { get; init; }
    public Guid SiaeId { get; init; }
    public required string SiaeName { get; init; }
    public required string Kind { get; init; }
    public string? City { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public bool Interested { get; init; }
    public string? Message { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record AwardRequest(Guid? SiaeId, decimal? AmountHt, DateOnly? StartsOn, DateOnly? EndsOn);

public sealed record PartnershipResponse
{
    public Guid Id { get; init; }
    public Guid ContractId { get; init; }
    public Guid? LotId { get; init; }
    public Guid SiaeId { get; init; }
    public required string SiaeName { get; init; }
    public Guid? ContractorCompanyId { get; init; }
    public string? ContractorName { get; init; }
    public required string Kind { get; init; }
    public decimal? AmountHt { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public Guid? TenderId { get; init; }
}

public sealed record PartnershipRequest(Guid? SiaeId, Guid? LotId, Guid? ContractorCompanyId, string? Kind, decimal? AmountHt, DateOnly? StartsOn, DateOnly? EndsOn);
