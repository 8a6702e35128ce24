using Clauses.Core.Siae;

namespace Clauses.Api.Siae;

/// <summary>One SIAE of the directory. Init-only so Dapper maps it column by column.</summary>
public sealed record SiaeResponse
{
    public Guid Id { get; init; }
    public required string Siret { get; init; }
    public required string Name { get; init; }
    public string? Brand { get; init; }
    public required string Kind { get; init; }
    public string KindLabel => SiaeKind.Terms.Find(Kind)?.Label ?? Kind;
    /// <summary>Work through this structure counts toward a clause as SIAE work (EITI and GEIQ do not).</summary>
    public bool CountsTowardClause => SiaeKind.CountsTowardClause(Kind);
    public string[] Sectors { get; init; } = [];
    public string[] Departements { get; init; } = [];
    public string? City { get; init; }
    public string? Postcode { get; init; }
    public int? RadiusKm { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? Website { get; init; }
    /// <summary>marche_inclusion (imported, refreshed by each import, read-only here) or saisie (entered in Clauses).</summary>
    public required string Source { get; init; }
    /// <summary>Le Marché de l'inclusion's id and slug of an imported record.</summary>
    public string? ExternalId { get; init; }
    public string? ExternalSlug { get; init; }
    public DateTime? ImportedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
}

/// <summary>Body of POST /api/siae and PUT /api/siae/{id}.</summary>
public sealed record SiaeRequest(
    string? Siret, string? Name, string? Brand, string? Kind, string[]? Sectors, string[]? Departements,
    string? City, string? Postcode, int? RadiusKm, string? ContactEmail, string? ContactPhone, string? Website);

/// <summary>Filters of GET /api/siae (all optional, combined with AND).</summary>
public sealed record SiaeFilter(string? Kind, string? Sector, string? Departement, string? Search, bool? CountsTowardClause);

/// <summary>One row of a validated batch, as the set-based upsert reads it (snake_case JSON).</summary>
public sealed record SiaeImportRow(
    string Siret, string Name, string? Brand, string Kind, IReadOnlyList<string> Sectors, IReadOnlyList<string> Departements,
    string? City, string? Postcode, string? ContactEmail, string? ContactPhone, string? Website, string? ExternalId, string? ExternalSlug);

/// <summary>What the upsert did.</summary>
public sealed record SiaeUpsertCounts(int Created, int Updated, int Unchanged, int KeptManual);
