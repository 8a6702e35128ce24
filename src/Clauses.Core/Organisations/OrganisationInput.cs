namespace Clauses.Core.Organisations;

/// <summary>An organisation as submitted. <paramref name="Siret"/> is expected normalised (no spaces, see Common.Siret.Normalize).</summary>
public sealed record OrganisationInput(string Name, string Kind, string? Siret, string? Departement);
