using System.Diagnostics;
using Serilog;

namespace Clauses.Api.Infrastructure;

public static class Logging
{
    /// <summary>Serilog from configuration ("Serilog" section); Serilog.AspNetCore is not installable here.</summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }

    /// <summary>
    /// One line per request: method, route template (not the raw path or query, which could carry a
    /// name typed in a search box), status and duration. Never a body, never personal data.
    /// </summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clauses.Requests");
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(static)";
                logger.LogInformation("HTTP {Method} {Route} responded {StatusCode} in {Elapsed:0.0} ms",
                    context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        return app;
    }
}
