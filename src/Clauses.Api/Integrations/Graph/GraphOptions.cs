namespace Clauses.Api.Integrations.Graph;

/// <summary>
/// Configuration section "Graph": an Entra ID application (client credentials, application permission
/// Mail.Send, ideally restricted to one mailbox with an application access policy) and the mailbox it sends as.
/// </summary>
public sealed record GraphOptions
{
    public const string Section = "Graph";

    public string TenantId { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string ClientSecret { get; init; } = "";

    /// <summary>The sending mailbox (user principal name or id), e.g. "clauses@collectivite.fr".</summary>
    public string Mailbox { get; init; } = "";

    public string BaseUrl { get; init; } = "https://graph.microsoft.com/v1.0";
    public int TimeoutSeconds { get; init; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);

    public static GraphOptions From(IConfiguration config)
    {
        var section = config.GetSection(Section);
        var defaults = new GraphOptions();
        return new GraphOptions
        {
            TenantId = section["TenantId"] ?? "",
            ClientId = section["ClientId"] ?? "",
            ClientSecret = section["ClientSecret"] ?? "",
            Mailbox = section["Mailbox"] ?? "",
            BaseUrl = string.IsNullOrWhiteSpace(section["BaseUrl"]) ? defaults.BaseUrl : section["BaseUrl"]!,
            TimeoutSeconds = section.GetValue("TimeoutSeconds", defaults.TimeoutSeconds),
        };
    }

    /// <summary>Throws at start-up on a half-filled section, rather than failing every mail later.</summary>
    public void Validate()
    {
        var missing = new[] { ("TenantId", TenantId), ("ClientSecret", ClientSecret), ("Mailbox", Mailbox) }
            .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => "Graph:" + p.Item1).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Graph:ClientId is set but {string.Join(", ", missing)} is missing.");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
            throw new InvalidOperationException("Graph:BaseUrl is not an absolute URL.");
        if (TimeoutSeconds is < 1 or > 600)
            throw new InvalidOperationException("Graph:TimeoutSeconds must be between 1 and 600.");
    }
}
