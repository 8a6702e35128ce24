using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Clauses.Api.Infrastructure;

/// <summary>
/// Every error leaves as RFC 7807 problem details with a French title and detail and a stable
/// "type" (urn:clauses:problem:…). Bad input is a 4xx, never a 500.
/// </summary>
public static partial class Problems
{
    private static readonly Dictionary<int, (string Slug, string Title)> Titles = new()
    {
        [400] = ("requete-invalide", "Requête invalide"),
        [401] = ("authentification-requise", "Authentification requise"),
        [403] = ("acces-refuse", "Accès refusé"),
        [404] = ("introuvable", "Ressource introuvable"),
        [405] = ("methode-non-autorisee", "Méthode non autorisée"),
        [409] = ("conflit", "Conflit avec l'état actuel"),
        [412] = ("modification-concurrente", "La ressource a été modifiée entre-temps"),
        [413] = ("trop-volumineux", "Requête trop volumineuse"),
        [415] = ("type-non-pris-en-charge", "Type de contenu non pris en charge"),
        [428] = ("precondition-requise", "Précondition requise"),
        [429] = ("trop-de-requetes", "Trop de requêtes"),
        [500] = ("erreur-interne", "Erreur interne du serveur"),
        [503] = ("service-indisponible", "Service momentanément indisponible"),
    };

    private static readonly Dictionary<int, string> DefaultDetails = new()
    {
        [404] = "Aucune ressource ne correspond à cette adresse.",
        [405] = "Cette méthode HTTP n'est pas acceptée à cette adresse.",
        [415] = "Envoyez le corps de la requête en JSON (Content-Type: application/json).",
        [500] = "Une erreur inattendue s'est produite ; elle a été journalisée. Réessayez plus tard.",
    };

    public static string TypeFor(int status, string? slug = null) =>
        "urn:clauses:problem:" + (slug ?? (Titles.TryGetValue(status, out var t) ? t.Slug : status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static WebApplicationBuilder AddProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var p = context.ProblemDetails;
            var status = p.Status ?? context.HttpContext.Response.StatusCode;
            if (Titles.TryGetValue(status, out var t))
            {
                // Keep a title we set ourselves; replace ASP.NET's English defaults.
                if (p.Type is null || !p.Type.StartsWith("urn:clauses:", StringComparison.Ordinal))
                {
                    p.Title = t.Title;
                    p.Type = TypeFor(status);
                }
                p.Detail ??= DefaultDetails.GetValueOrDefault(status);
            }
            p.Extensions.Remove("exception");
            p.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        // Binding failures throw, so the exception handler below can explain them in French.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseProblems(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleException,
            // Bad input is the caller's mistake, answered with a 4xx: not an error worth a stack trace in the logs.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        return app;
    }

    private static async Task HandleException(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, detail, slug) = Describe(error);
        if (status >= 500)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Clauses.Errors")
                .LogError(error, "Unhandled error on {Path}", context.Request.Path.Value);
        await Write(context, status, detail, slug);
    }

    private static (int Status, string Detail, string? Slug) Describe(Exception? error) => error switch
    {
        BadHttpRequestException { InnerException: JsonException json } =>
            (400, JsonDetail(json), "json-invalide"),
        BadHttpRequestException { StatusCode: 415 } =>
            (415, DefaultDetails[415], null),
        BadHttpRequestException { StatusCode: 413 } =>
            (413, "Le corps de la requête dépasse la taille autorisée.", null),
        BadHttpRequestException bad when IsMissingBody(bad.Message) =>
            (400, "Le corps de la requête est obligatoire (JSON).", "corps-manquant"),
        BadHttpRequestException bad when ParameterName(bad.Message) is { } name =>
            (400, $"Le paramètre « {name} » a une valeur invalide.", "parametre-invalide"),
        BadHttpRequestException bad =>
            (bad.StatusCode, "La requête est mal formée.", null),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } =>
            (409, "Un élément identique existe déjà (valeur en double).", "doublon"),
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } =>
            (409, "Cette opération référence un élément inexistant ou encore utilisé ailleurs.", "reference-invalide"),
        PostgresException { SqlState: PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation } =>
            (400, "Une valeur est hors des limites autorisées.", "valeur-hors-limites"),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } =>
            (403, "Vous n'avez pas les droits pour cette opération.", null),
        OperationCanceledException => (499, "La requête a été annulée.", "annulee"),
        _ => (500, DefaultDetails[500], null),
    };

    private static bool IsMissingBody(string message) =>
        message.Contains("no body was provided", StringComparison.Ordinal)
        || message.Contains("not provided from body", StringComparison.Ordinal)
        || message.Contains("body was not provided", StringComparison.Ordinal);

    private static string JsonDetail(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? null : json.Path;
        return path is null
            ? "Le corps de la requête n'est pas un JSON valide."
            : $"Le champ « {path.TrimStart('$', '.')} » a une valeur invalide ou d'un type inattendu.";
    }

    private static string? ParameterName(string message)
    {
        var match = ParameterPattern().Match(message);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("parameter \"[^\" ]+ ([A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterPattern();

    /// <summary>Writes a problem directly (middleware, auth events).</summary>
    public static async Task Write(HttpContext context, int status, string detail, string? slug = null)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Type = TypeFor(status, slug),
                Title = Titles.TryGetValue(status, out var t) ? t.Title : "Erreur",
                Detail = detail,
            },
        });
    }

    // Typed results for endpoints.
    public static IResult Validation(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors, detail: "Corrigez les champs signalés puis renvoyez la requête.",
        title: "La requête contient des erreurs", type: "urn:clauses:problem:validation");

    public static IResult NotFound(string detail) => Result(404, detail);
    public static IResult Forbidden(string detail) => Result(403, detail);
    public static IResult Conflict(string detail, string slug = "conflit") => Result(409, detail, slug);

    public static IResult Result(int status, string detail, string? slug = null) => TypedResults.Problem(
        detail: detail, statusCode: status, title: Titles.TryGetValue(status, out var t) ? t.Title : "Erreur", type: TypeFor(status, slug));
}
