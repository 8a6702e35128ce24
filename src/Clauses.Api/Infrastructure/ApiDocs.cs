namespace Clauses.Api.Infrastructure;

public static class ApiDocs
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Clauses API";
            document.Info.Description = "Clauses sociales d'insertion : marchés, lots, clauses, heures, SIAE, SPAR.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>/openapi/v1.json; open to all with its UI (/swagger) in Development, signed-in users elsewhere.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        var doc = app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            doc.AllowAnonymous();
            app.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint("/openapi/v1.json", "Clauses API v1");
                o.RoutePrefix = "swagger";
            });
        }
        return app;
    }
}
