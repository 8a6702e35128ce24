namespace Clauses.Api.Integrations.MarcheInclusion;

/// <summary>A record named in a run report, with the French reason.</summary>
public sealed record SiaeImportIssue(string? Siret, string? Name, string Reason);

/// <summary>
/// What one import run did. Pages and received count what was fetched (on failure: up to the failing page); the other
/// counts are those of the applied transaction, all zero when the run failed (nothing is applied).
/// </summary>
public sealed record SiaeImportReport
{
    public int Pages { get; init; }
    /// <summary>Records read from the remote API.</summary>
    public int Received { get; init; }
    public int Created { get; init; }
    public int Updated { get; init; }
    /// <summary>Imported records already identical in the directory (written again neither data nor version).</summary>
    public int Unchanged { get; init; }
    /// <summary>SIRETs present in the directory as entered by hand (source saisie): kept as they are, never overwritten.</summary>
    public int KeptManual { get; init; }
    /// <summary>Structures whose convention is inactive on the Marché (is_active false): not imported.</summary>
    public int Inactive { get; init; }
    /// <summary>Records not imported (bad SIRET, unknown kind, no département, SIRET twice in the export…).</summary>
    public IReadOnlyList<SiaeImportIssue> Rejected { get; init; } = [];
    /// <summary>Records imported without an optional value that was malformed (e-mail, phone, website, postcode…).</summary>
    public IReadOnlyList<SiaeImportIssue> Warnings { get; init; } = [];
    /// <summary>Why the run failed (French), null when it succeeded.</summary>
    public string? Error { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
}
