using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Clauses.Api.Integrations.MarcheInclusion;

/// <summary>The remote API failed; <see cref="Exception.Message"/> is French, for the run report and the 502 problem.</summary>
public sealed class MarcheInclusionException(string message, int pagesFetched, int received, Exception? inner = null)
    : Exception(message, inner)
{
    public int PagesFetched { get; } = pagesFetched;
    public int Received { get; } = received;
}

/// <summary>Waits before a retry. Tests replace it so they never sleep.</summary>
public class MarcheInclusionDelay
{
    public virtual Task WaitAsync(TimeSpan delay, CancellationToken ct) => Task.Delay(delay, ct);
}

/// <summary>Every page fetched, in order.</summary>
public sealed record MarcheInclusionFetch(IReadOnlyList<MarchePage> Pages)
{
    public IEnumerable<JsonElement> Records => Pages.SelectMany(p => p.Results ?? []);
}

/// <summary>
/// Typed HttpClient for Le Marché de l'inclusion: GET {BaseUrl}/api/siae/?limit=N, then each "next" link until null.
/// A page answered 429 or 503 is retried once, after Retry-After (capped) or a short back-off; any other failure
/// (status, timeout, connection, unreadable JSON) stops the fetch with a French message.
/// </summary>
public sealed class MarcheInclusionClient(HttpClient http, IOptions<MarcheInclusionOptions> options, MarcheInclusionDelay delay,
    ILogger<MarcheInclusionClient> logger)
{
    private readonly MarcheInclusionOptions _options = options.Value;

    public bool HasToken => !string.IsNullOrWhiteSpace(_options.Token);

    public async Task<MarcheInclusionFetch> FetchAllAsync(CancellationToken ct)
    {
        var pages = new List<MarchePage>();
        var received = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var url = new Uri(http.BaseAddress!, "api/siae/?limit=" + Math.Clamp(_options.PageSize, 1, 1000).ToString(CultureInfo.InvariantCulture));
        while (url is not null)
        {
            var number = pages.Count + 1;
            if (number > _options.MaxPages || !seen.Add(url.AbsoluteUri))
                throw new MarcheInclusionException(
                    $"Le Marché de l'inclusion renvoie une suite de pages sans fin (arrêt à la page {number}).", pages.Count, received);

            var page = await GetPageAsync(url, number, pages.Count, received, ct);
            pages.Add(page);
            received += page.Results?.Count ?? 0;
            url = NextUrl(page.Next, number, pages.Count, received);
        }

        return new MarcheInclusionFetch(pages);
    }

    private async Task<MarchePage> GetPageAsync(Uri url, int number, int fetched, int received, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (HasToken) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token.Trim());

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new MarcheInclusionException(
                    $"Le Marché de l'inclusion n'a pas répondu dans le délai de {_options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s (page {number}).",
                    fetched, received, e);
            }
            catch (HttpRequestException e)
            {
                throw new MarcheInclusionException(
                    $"Le Marché de l'inclusion est injoignable (page {number}) : la connexion a échoué.", fetched, received, e);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (attempt == 1 && response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    var wait = RetryDelay(response);
                    logger.LogWarning("Le Marché de l'inclusion answered {Status} on page {Page}; retrying in {Delay} ms", status, number, wait.TotalMilliseconds);
                    await delay.WaitAsync(wait, ct);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                    throw new MarcheInclusionException(Describe(status, number, attempt), fetched, received);

                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync(ct);
                    var page = await JsonSerializer.DeserializeAsync<MarchePage>(body, cancellationToken: ct);
                    if (page?.Results is null)
                        throw new JsonException("no results");
                    return page;
                }
                catch (JsonException e)
                {
                    throw new MarcheInclusionException(
                        $"La réponse du Marché de l'inclusion est illisible (page {number}) : une liste paginée JSON {{count, next, results}} était attendue.",
                        fetched, received, e);
                }
                catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
                {
                    throw new MarcheInclusionException(
                        $"Le Marché de l'inclusion n'a pas répondu dans le délai de {_options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s (page {number}).",
                        fetched, received, e);
                }
            }
        }
    }

    private static string Describe(int status, int page, int attempt) => status switch
    {
        401 or 403 => $"Le Marché de l'inclusion a refusé le jeton d'accès (HTTP {status}, page {page}) : vérifiez le paramètre MarcheInclusion:Token.",
        404 => $"Adresse introuvable sur le Marché de l'inclusion (HTTP 404, page {page}) : vérifiez le paramètre MarcheInclusion:BaseUrl.",
        429 or 503 => $"Le Marché de l'inclusion est indisponible ou limite les appels (HTTP {status}, page {page}), y compris après {attempt - 1} nouvelle tentative.",
        _ => $"Le Marché de l'inclusion a répondu par une erreur (HTTP {status}) à la page {page}.",
    };

    /// <summary>Retry-After (seconds or date) capped to MaxRetryAfterSeconds, else the configured back-off.</summary>
    private TimeSpan RetryDelay(HttpResponseMessage response)
    {
        var cap = TimeSpan.FromSeconds(Math.Max(0, _options.MaxRetryAfterSeconds));
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var wait = retryAfter ?? TimeSpan.FromMilliseconds(Math.Max(0, _options.RetryDelayMilliseconds));
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > cap ? cap : wait;
    }

    /// <summary>Their "next" link, kept on the configured host (the token is never sent elsewhere) and scheme (their
    /// links may say http behind a TLS proxy).</summary>
    private Uri? NextUrl(string? next, int page, int fetched, int received)
    {
        if (string.IsNullOrWhiteSpace(next)) return null;
        var baseUri = http.BaseAddress!;
        if (!Uri.TryCreate(baseUri, next, out var uri) || !string.Equals(uri.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase))
            throw new MarcheInclusionException(
                $"Le lien vers la page suivante (après la page {page}) ne pointe pas vers le Marché de l'inclusion configuré : import interrompu.",
                fetched, received);
        return new UriBuilder(uri) { Scheme = baseUri.Scheme, Port = baseUri.Port }.Uri;
    }
}
