using System.Globalization;

namespace Clauses.Api.Infrastructure;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>Paging and optimistic concurrency (ETag / If-Match) shared by the list and update endpoints.</summary>
public static class Http
{
    public const int MaxPageSize = 200;

    public static (int Page, int PageSize, int Offset) Paging(int? page, int? pageSize, int max = MaxPageSize)
    {
        var p = Math.Max(1, page ?? 1);
        var size = Math.Clamp(pageSize ?? 50, 1, max);
        return (p, size, (p - 1) * size);
    }

    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Reads If-Match as a version; null when absent, -1 when unreadable (never matches).</summary>
    public static int? IfMatchVersion(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (trimmed.StartsWith("W/", StringComparison.Ordinal)) trimmed = trimmed[2..];
        return int.TryParse(trimmed.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    public static IResult PreconditionRequired() => Problems.Result(428,
        "Indiquez la version modifiée dans l'en-tête If-Match (valeur de l'en-tête ETag reçu en lecture).");

    public static IResult PreconditionFailed() => Problems.Result(412,
        "Quelqu'un a modifié cette ressource depuis votre lecture : rechargez-la puis refaites vos changements.");

    /// <summary>200 with the body and its ETag.</summary>
    public static IResult OkWithETag<T>(HttpContext context, T body, int version)
    {
        context.Response.Headers.ETag = ETag(version);
        return TypedResults.Ok(body);
    }

    public static IResult CreatedWithETag<T>(HttpContext context, string location, T body, int version)
    {
        context.Response.Headers.ETag = ETag(version);
        return TypedResults.Created(location, body);
    }
}
