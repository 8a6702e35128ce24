using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clauses.Api.Integrations.MarcheInclusion;

/// <summary>One page of GET /api/siae/ (Django REST framework LimitOffsetPagination). Results are kept as raw JSON so
/// one malformed record is rejected alone instead of failing its page.</summary>
public sealed record MarchePage(
    [property: JsonPropertyName("count")] int? Count,
    [property: JsonPropertyName("next")] string? Next,
    [property: JsonPropertyName("previous")] string? Previous,
    [property: JsonPropertyName("results")] IReadOnlyList<JsonElement>? Results);

/// <summary>
/// The fields of their SiaeDetailSerializer that the directory uses (lemarche/api/siaes/serializers.py): id, slug,
/// siret, name, brand, kind, city, post_code, department, sectors [{name, slug}], contact_website, is_active.
/// contact_email and contact_phone were dropped from their API in March 2026 (PR #1954) and are read when still present.
/// </summary>
public sealed record MarcheSiae
{
    [JsonPropertyName("id")] public JsonElement? Id { get; init; }
    [JsonPropertyName("slug")] public string? Slug { get; init; }
    [JsonPropertyName("siret")] public string? Siret { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("brand")] public string? Brand { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("city")] public string? City { get; init; }
    [JsonPropertyName("post_code")] public string? PostCode { get; init; }
    [JsonPropertyName("department")] public string? Department { get; init; }
    /// <summary>[{"name", "slug"}] (or plain slugs in older versions).</summary>
    [JsonPropertyName("sectors")] public JsonElement? Sectors { get; init; }
    [JsonPropertyName("contact_email")] public string? ContactEmail { get; init; }
    [JsonPropertyName("contact_phone")] public string? ContactPhone { get; init; }
    [JsonPropertyName("contact_website")] public string? ContactWebsite { get; init; }
    [JsonPropertyName("is_active")] public bool? IsActive { get; init; }

    /// <summary>Their numeric id as text (null when absent).</summary>
    public string? ExternalId() => Id switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        _ => null,
    };

    /// <summary>The sector slugs, whatever the shape of the list.</summary>
    public IReadOnlyList<string?> SectorSlugs() => Sectors is { ValueKind: JsonValueKind.Array } list
        ? [.. list.EnumerateArray().Select(e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Object when e.TryGetProperty("slug", out var slug) && slug.ValueKind == JsonValueKind.String => slug.GetString(),
            _ => null,
        })]
        : [];
}
