namespace Clauses.Api.Organisations;

// Responses are init-only records (not positional) so Dapper maps them column by column,
// converting timestamptz and date values to the property types.
public sealed record OrganisationResponse
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? Siret { get; init; }
    public string? Departement { get; init; }
    public int RetentionMonths { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
}

/// <summary>Body of POST and PUT /api/organisations.</summary>
public sealed record OrganisationRequest(string? Name, string? Kind, string? Siret, string? Departement, int? RetentionMonths);
