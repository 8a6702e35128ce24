using Microsoft.OpenApi;

namespace Clauses.Api.Infrastructure;

public static class ApiDocs
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Clauses API";
            document.Info.Description = "Clauses sociales d'insertion : marchés, lots, clauses, heures, SIAE, SPAR.";
            // Every /api route takes an Entra ID (or, in Development, a /dev/token) bearer token.
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Jeton d'accès Microsoft Entra ID ; en développement : POST /dev/token.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>The documentation UI at /swagger, in Development only; placed before sign-in like the static files.</summary>
    public static WebApplication UseApiDocsUi(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            app.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint("/openapi/v1.json", "Clauses API v1");
                o.RoutePrefix = "swagger";
                o.DocumentTitle = "Clauses API";
            });
        return app;
    }

    /// <summary>/openapi/v1.json: open to all in Development, to signed-in users elsewhere.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        var doc = app.MapOpenApi();
        if (app.Environment.IsDevelopment()) doc.AllowAnonymous();
        return app;
    }
}
