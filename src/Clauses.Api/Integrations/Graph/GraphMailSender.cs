using System.Globalization;
using System.Net;
using Azure.Core;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.SendMail;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace Clauses.Api.Integrations.Graph;

/// <summary>
/// Sends through Microsoft Graph: POST /users/{mailbox}/sendMail with saveToSentItems = false, as the
/// application (client credentials). The SDK's retry handler is left out of the pipeline: the outbox
/// retries on its own schedule, and the SDK's retries would sleep inside a request and multiply the count.
/// </summary>
public sealed class GraphMailSender : IMailSender, IDisposable
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly GraphServiceClient _client;
    private readonly GraphOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<GraphMailSender> _logger;

    public GraphMailSender(GraphOptions options, TokenCredential credential, TimeProvider clock, ILogger<GraphMailSender> logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        _http = GraphClientFactory.Create(handlers, finalHandler: new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(options.TimeoutSeconds, 15)),
        });
        _http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        // Tokens go to the configured Graph host only; the scope is derived from it ("https://graph.microsoft.com/.default").
        var auth = new AzureIdentityAuthenticationProvider(credential, [new Uri(baseUrl).Host], observabilityOptions: null, isCaeEnabled: false);
        _client = new GraphServiceClient(_http, auth, baseUrl);
    }

    public async Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var html = !string.IsNullOrWhiteSpace(mail.HtmlBody);
        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = mail.Subject,
                Body = new ItemBody { ContentType = html ? BodyType.Html : BodyType.Text, Content = html ? mail.HtmlBody : mail.TextBody },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = mail.To } }],
            },
            SaveToSentItems = false,
        };
        try
        {
            await _client.Users[_options.Mailbox].SendMail.PostAsync(body, cancellationToken: ct);
            return SendResult.Sent;
        }
        catch (ApiException e)
        {
            var (code, message) = e is ODataError odata ? (odata.Error?.Code, odata.Error?.Message) : (null, null);
            var result = Classify(e.ResponseStatusCode, e.ResponseHeaders, code, message ?? e.Message);
            _logger.LogWarning("Graph sendMail to @{Domain} answered {Status} {Code}", mail.RecipientDomain, e.ResponseStatusCode, code);
            return result;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Transient($"Délai dépassé : Microsoft Graph n'a pas répondu en {_options.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Transient("Connexion à Microsoft Graph interrompue : " + e.Message);
        }
        catch (IOException e)
        {
            return SendResult.Transient("Connexion à Microsoft Graph interrompue : " + e.Message);
        }
        catch (Azure.Identity.AuthenticationFailedException e)
        {
            // Entra ID unreachable or the secret refused: retried, and visible in last_error if it lasts.
            return SendResult.Transient("Jeton Microsoft Entra ID non obtenu : " + e.Message);
        }
    }

    /// <summary>429 → RetryAfter; 408 and 5xx → Transient; other 4xx → Permanent (with Graph's error code and message).</summary>
    internal SendResult Classify(int status, IDictionary<string, IEnumerable<string>>? headers, string? code, string? message)
    {
        var reason = $"HTTP {status.ToString(CultureInfo.InvariantCulture)}"
            + (string.IsNullOrEmpty(code) ? "" : " " + code)
            + (string.IsNullOrEmpty(message) ? "" : " : " + message);
        return status switch
        {
            (int)HttpStatusCode.TooManyRequests => SendResult.RetryAfter(RetryAfter(headers) ?? DefaultRetryAfter),
            (int)HttpStatusCode.RequestTimeout or >= 500 => SendResult.Transient(reason),
            _ => SendResult.Permanent(reason),
        };
    }

    /// <summary>Retry-After as delta-seconds or as an HTTP date.</summary>
    private TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers)
    {
        var value = headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - _clock.GetUtcNow();
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }
        return null;
    }

    public void Dispose() => _http.Dispose();
}
