using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Organisations;

namespace Clauses.Api.Exports;

/// <summary>
/// GET /api/organisations/{id}/decp?from=AAAA-MM-JJ&amp;to=AAAA-MM-JJ: the essential data (DECP 2024, schema
/// v2.0.3) of the organisation's marchés, accords-cadres and concessions notified in the period, ready to publish
/// on data.gouv.fr. The file is validated against the official schema before it leaves: an invalid document is
/// never sent (422 with the schema errors instead).
/// Headers: <c>X-Clauses-Excluded</c> lists the contracts left out (reference, percent-encoded, then ":" and
/// reason codes joined by ";"; entries separated by ", "), <c>X-Clauses-Excluded-Count</c> their number, and
/// <c>X-Clauses-Conventional-Fields</c> the required fields filled by convention (see <see cref="DecpExport"/>).
/// </summary>
public static class DecpApi
{
    /// <summary>Who may export an organisation's DECP: its directors, buyers and administrators.</summary>
    public static readonly string[] Exporters = [Role.Directeur, Role.Acheteur, Role.Admin];

    private static readonly JsonSerializerOptions FileJson = new()
    {
        WriteIndented = true,
        // French accents stay readable in the published file; HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly TimeZoneInfo Paris = FindParis();

    public static RouteGroupBuilder MapDecp(this RouteGroupBuilder api)
    {
        api.MapGet("/organisations/{id:guid}/decp", async (Guid id, string? from, string? to, HttpContext http, TenantDb tenant,
            CurrentUserAccessor current, TimeProvider clock, CancellationToken ct) =>
        {
            var user = current.Required;
            if (!user.IsMember(id))
                return Problems.NotFound("Aucune organisation accessible ne porte cet identifiant.");
            if (!user.HasAnyRole(id, Exporters))
                return Problems.Forbidden("Seuls les directeurs, acheteurs et administrateurs de l'organisation peuvent exporter ses données essentielles (DECP).");

            var errors = new Dictionary<string, string[]>();
            var start = ParseDate(from, "from", "début", errors);
            var end = ParseDate(to, "to", "fin", errors);
            if (start is { } s && end is { } e && s > e)
                errors["to"] = ["La date de fin de période doit être postérieure ou égale à la date de début."];
            if (errors.Count > 0) return Problems.Validation(errors);

            await using var db = await tenant.BeginAsync(ct);
            var organisation = await DecpStore.OrganisationAsync(db, id, ct);
            if (organisation is null) return Problems.NotFound("Aucune organisation accessible ne porte cet identifiant.");
            if (string.IsNullOrWhiteSpace(organisation.Siret))
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Export DECP impossible",
                    detail: "L'organisation n'a pas de SIRET : renseignez-le (identifiant de l'acheteur dans les DECP) avant d'exporter.",
                    type: Problems.TypeFor(StatusCodes.Status422UnprocessableEntity, "siret-manquant"));

            var contracts = await DecpStore.ContractsAsync(db, id, start!.Value, end!.Value, ct);
            var lots = contracts.Count == 0 ? [] : await DecpStore.LotsAsync(db, [.. contracts.Select(c => c.Id)], ct);
            var document = DecpExport.Build(organisation, contracts, lots, Today(clock));
            var json = document.Json.ToJsonString(FileJson);

            var schemaErrors = await DecpValidator.ValidateAsync(json);
            if (schemaErrors.Count > 0) return Invalid(schemaErrors);

            var name = string.Create(CultureInfo.InvariantCulture,
                $"decp-{organisation.Siret.Trim()}-{start.Value:yyyy-MM-dd}-{end.Value:yyyy-MM-dd}.json");
            var headers = http.Response.Headers;
            headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            headers["X-Clauses-Excluded-Count"] = document.Excluded.Count.ToString(CultureInfo.InvariantCulture);
            headers["X-Clauses-Excluded"] = ExcludedHeader(document.Excluded);
            headers["X-Clauses-Conventional-Fields"] = string.Join(", ", DecpExport.ConventionalFields);
            return TypedResults.Bytes(System.Text.Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8");
        }).WithTags("Exports").WithName("ExportDecp");

        return api;
    }

    /// <summary>The 422 sent instead of a document that does not match the official schema.</summary>
    public static IResult Invalid(IReadOnlyList<DecpSchemaError> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Export DECP non conforme au schéma officiel",
        detail: $"Le fichier produit ne respecte pas le schéma DECP v2.0.3 ({errors.Count} erreur(s)) : il n'est pas envoyé. "
            + "Corrigez les données signalées ou transmettez ces erreurs à l'équipe Clauses.",
        type: Problems.TypeFor(StatusCodes.Status422UnprocessableEntity, "decp-non-conforme"),
        extensions: new Dictionary<string, object?>
        {
            ["erreurs"] = errors.Select(e => new { chemin = e.Chemin, message = e.Message }).ToArray(),
        });

    /// <summary>Header values must be ASCII: references are percent-encoded.</summary>
    internal static string ExcludedHeader(IReadOnlyList<DecpExclusion> excluded) =>
        string.Join(", ", excluded.Select(x => Uri.EscapeDataString(x.Reference) + ":" + string.Join(';', x.Reasons)));

    private static DateOnly? ParseDate(string? value, string field, string label, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"La date de {label} de période est obligatoire (format AAAA-MM-JJ)."];
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[field] = [$"La date de {label} de période « {value} » est invalide : attendu AAAA-MM-JJ, par exemple 2025-01-31."];
            return null;
        }

        return date;
    }

    private static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Paris).DateTime);

    private static TimeZoneInfo FindParis()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
        catch (InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }
}
