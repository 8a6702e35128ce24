namespace Clauses.Api.Integrations.MarcheInclusion;

/// <summary>Configuration section "MarcheInclusion": Le Marché de l'inclusion's public API (gip-inclusion/le-marche).</summary>
public sealed class MarcheInclusionOptions
{
    public const string Section = "MarcheInclusion";

    /// <summary>Site root; the SIAE list is read from {BaseUrl}/api/siae/.</summary>
    public string BaseUrl { get; set; } = "https://lemarche.inclusion.beta.gouv.fr/";

    /// <summary>API key of a Marché account (64+ alphanumeric characters), sent as "Authorization: Bearer …": their
    /// only accepted form since March 2025 (the older "?token=" query parameter was removed, le-marche PR #1628).</summary>
    public string Token { get; set; } = "";

    /// <summary>Per-request timeout; a page that takes longer fails the import.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Records per page asked for (their LimitOffsetPagination "limit"; their default is 100).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Safety stop against a "next" chain that never ends.</summary>
    public int MaxPages { get; set; } = 2000;

    /// <summary>Wait before the single retry of a page answered 429 or 503 without Retry-After.</summary>
    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>Longest Retry-After honoured; a longer one is cut to this.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 5;
}
