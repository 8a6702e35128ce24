using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Clauses.Api.Infrastructure;

/// <summary>Per-user fixed window (per client address before sign-in), set by RateLimiting:PermitsPerMinute.</summary>
public static class RateLimits
{
    public const string PerUser = "per-user";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimiting:PermitsPerMinute", 600);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PerUser, context =>
            {
                var key = context.User.FindFirst("oid")?.Value is { } oid
                    ? "user:" + context.User.FindFirst("tid")?.Value + ":" + oid
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"Vous avez envoyé trop de requêtes en peu de temps : réessayez dans {seconds} s.");
            };
        });
        return builder;
    }
}
