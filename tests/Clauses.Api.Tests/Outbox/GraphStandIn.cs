using System.Collections.Concurrent;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clauses.Api.Tests.Outbox;

/// <summary>
/// Microsoft Graph on loopback: a real Kestrel server that records every request and plays scripted
/// answers, one per call, in order (then 202). Every answer closes the connection, so the client never
/// reuses one and cannot transparently resend a request after a reset.
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    public sealed record Recorded(string Method, string Path, string? Authorization, string Body);

    public abstract record Answer;
    public sealed record Status(int Code, string? Json = null, string? RetryAfter = null) : Answer;
    /// <summary>Answers 202 only after <paramref name="Delay"/>, or never if the client gives up first.</summary>
    public sealed record Slow(TimeSpan Delay) : Answer;
    /// <summary>Drops the connection without answering.</summary>
    public sealed record Reset : Answer;

    public static readonly Answer Accepted = new Status(202);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Answer> _script = new();
    private readonly CancellationTokenSource _stopping = new();

    public ConcurrentQueue<Recorded> Requests { get; } = new();
    public string BaseUrl { get; }

    private GraphStandIn(WebApplication app, string address)
    {
        _app = app;
        BaseUrl = address.TrimEnd('/') + "/v1.0";
    }

    public static async Task<GraphStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        GraphStandIn? standIn = null;
        app.Run(context => standIn!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn = new GraphStandIn(app, address);
        return standIn;
    }

    public void Script(params Answer[] answers)
    {
        foreach (var a in answers) _script.Enqueue(a);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new Recorded(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), body));
        var answer = _script.TryDequeue(out var next) ? next : Accepted;
        context.Response.Headers.Connection = "close";
        switch (answer)
        {
            case Reset:
                context.Abort();
                return;
            case Slow slow:
                using (var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try { await Task.Delay(slow.Delay, cts.Token); }
                    catch (OperationCanceledException) { return; }
                }
                context.Response.StatusCode = 202;
                return;
            case Status status:
                context.Response.StatusCode = status.Code;
                if (status.RetryAfter is not null) context.Response.Headers.RetryAfter = status.RetryAfter;
                if (status.Json is not null)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(status.Json);
                }
                return;
        }
    }

    public static string GraphError(string code, string message) =>
        System.Text.Json.JsonSerializer.Serialize(new { error = new { code, message } });

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

/// <summary>A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not available here).</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>Hands out a fixed bearer token: the stand-in checks its presence, not a signature.</summary>
public sealed class FakeCredential : TokenCredential
{
    public const string Token = "jeton-de-test";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
