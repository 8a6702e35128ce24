using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clauses.Api.Tests.Siae;

/// <summary>
/// A loopback stand-in for Le Marché de l'inclusion's GET /api/siae/ (Django REST framework LimitOffsetPagination:
/// {count, next, previous, results}), serving in-memory records, recording every request and playing scripted
/// failures page by page.
/// </summary>
public sealed class MarcheInclusionStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, ConcurrentQueue<Func<HttpContext, Task>>> _script = new();

    public sealed record Request(string Path, string Query, string? Authorization);

    public List<JsonNode> Records { get; } = [];
    public ConcurrentQueue<Request> Requests { get; } = new();
    public string BaseUrl { get; private set; } = "";

    private MarcheInclusionStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/api/siae/", Serve);
    }

    public static async Task<MarcheInclusionStandIn> StartAsync()
    {
        var standIn = new MarcheInclusionStandIn();
        await standIn._app.StartAsync();
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseUrl = address.TrimEnd('/') + "/";
        return standIn;
    }

    /// <summary>The next request for this page (1-based) gets this answer instead of the records; later ones are normal.</summary>
    public void FailOnce(int page, Func<HttpContext, Task> answer) =>
        _script.GetOrAdd(page, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(answer);

    public static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
        await context.Response.WriteAsync("{\"detail\": \"scripted\"}");
    };

    public static Func<HttpContext, Task> Slow(TimeSpan delay) => async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.StatusCode = 500;
    };

    public int PageRequests => Requests.Count;

    private async Task Serve(HttpContext context)
    {
        var q = context.Request.Query;
        Requests.Enqueue(new Request(context.Request.Path, context.Request.QueryString.Value ?? "", context.Request.Headers.Authorization.FirstOrDefault()));
        var limit = int.TryParse(q["limit"], CultureInfo.InvariantCulture, out var l) ? l : 100;
        var offset = int.TryParse(q["offset"], CultureInfo.InvariantCulture, out var o) ? o : 0;
        var page = (offset / limit) + 1;
        if (_script.TryGetValue(page, out var queue) && queue.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        if (context.Request.Headers.Authorization.FirstOrDefault() is not { } auth || !auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("{\"detail\": \"Informations d'authentification non fournies.\"}");
            return;
        }

        List<JsonNode> all;
        lock (Records) all = [.. Records];
        var root = $"{context.Request.Scheme}://{context.Request.Host}/api/siae/";
        var body = new JsonObject
        {
            ["count"] = all.Count,
            ["next"] = offset + limit < all.Count ? $"{root}?limit={limit}&offset={offset + limit}" : null,
            ["previous"] = offset > 0 ? $"{root}?limit={limit}&offset={Math.Max(0, offset - limit)}" : null,
            ["results"] = new JsonArray([.. all.Skip(offset).Take(limit).Select(r => r.DeepClone())]),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A record shaped like their SiaeDetailSerializer.</summary>
    public static JsonObject Record(int id, string siret, string name, string kind, string department, string postCode, params string[] sectorSlugs) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["brand"] = "",
        ["slug"] = $"structure-{id}",
        ["siret"] = siret,
        ["nature"] = "HEAD_OFFICE",
        ["kind"] = kind,
        ["kind_parent"] = "Insertion",
        ["contact_website"] = "",
        ["contact_social_website"] = "",
        ["logo_url"] = "",
        ["address"] = "1 rue de la République",
        ["city"] = "Lyon",
        ["post_code"] = postCode,
        ["department"] = department,
        ["region"] = "Auvergne-Rhône-Alpes",
        ["is_qpv"] = false,
        ["is_active"] = true,
        ["sectors"] = new JsonArray([.. sectorSlugs.Select(s => (JsonNode)new JsonObject { ["name"] = s, ["slug"] = s })]),
        ["presta_types"] = new JsonArray("PREST"),
        ["networks"] = new JsonArray(),
        ["offers"] = new JsonArray(),
        ["client_references"] = new JsonArray(),
        ["labels_old"] = new JsonArray(),
        ["created_at"] = "2021-06-01T10:00:00+02:00",
        ["updated_at"] = "2026-05-01T10:00:00+02:00",
    };

    /// <summary>A Luhn-valid SIRET: 13 given digits and the key.</summary>
    public static string Siret(long first13)
    {
        var stem = first13.ToString("0000000000000", CultureInfo.InvariantCulture);
        for (var key = 0; key <= 9; key++)
        {
            var candidate = stem + key.ToString(CultureInfo.InvariantCulture);
            if (Core.Common.Luhn.IsValid(candidate)) return candidate;
        }

        throw new InvalidOperationException("unreachable");
    }
}
