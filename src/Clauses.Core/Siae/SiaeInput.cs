namespace Clauses.Core.Siae;

/// <summary>An SIAE directory record as entered by a buyer or read from Le Marché de l'inclusion, before validation.
/// Optional text fields are null when absent; lists may be null (treated as empty).</summary>
public sealed record SiaeInput(
    string? Siret,
    string? Name,
    string? Brand,
    string? Kind,
    IReadOnlyList<string>? Sectors,
    IReadOnlyList<string>? Departements,
    string? City = null,
    string? Postcode = null,
    int? RadiusKm = null,
    string? ContactEmail = null,
    string? ContactPhone = null,
    string? Website = null);
