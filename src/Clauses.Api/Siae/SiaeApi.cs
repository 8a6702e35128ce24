using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Api.Integrations.MarcheInclusion;
using Clauses.Core.Common;
using Clauses.Core.Organisations;
using Clauses.Core.Siae;

namespace Clauses.Api.Siae;

/// <summary>
/// The SIAE directory (DOMAIN §6): national public data every signed-in user may read; buyers (acheteur or admin in
/// any organisation) and platform admins add and correct entries by hand (source saisie); platform admins import it
/// from Le Marché de l'inclusion.
/// </summary>
public static class SiaeApi
{
    /// <summary>Roles that, held in any organisation, let a user write to the directory.</summary>
    private static readonly string[] Writers = [Role.Acheteur, Role.Admin];

    public static RouteGroupBuilder MapSiae(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/siae").WithTags("SIAE");

        group.MapGet("/", async (string? kind, string? sector, string? departement, string? search, bool? countsTowardClause,
            int? page, int? pageSize, TenantDb tenant, CancellationToken ct) =>
        {
            var filter = new SiaeFilter(Blank(kind), Blank(sector), Blank(departement), Blank(search), countsTowardClause);
            var errors = new ValidationErrors();
            if (filter.Kind is { } k && !SiaeKind.Terms.IsKnown(k))
                errors.Add("kind", $"Type de structure inconnu : « {k} ». Valeurs admises : {SiaeKind.Terms.CodesText}.");
            if (filter.Sector is { } s && !SiaeSector.Terms.IsKnown(s))
                errors.Add("sector", $"Secteur d'activité inconnu : « {s} ». Valeurs admises : {SiaeSector.Terms.CodesText}.");
            if (filter.Departement is { } d && !Departement.IsValid(d))
                errors.Add("departement", $"Département inconnu : « {d} » (codes INSEE : 01 à 95, 2A, 2B, 971 à 976).");
            if (filter.Search is { Length: > 200 })
                errors.Add("search", "La recherche ne doit pas dépasser 200 caractères.");
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

            var (p, size, offset) = Http.Paging(page, pageSize);
            await using var db = await tenant.BeginAsync(ct);
            var (items, total) = await SiaeStore.ListAsync(db, filter, size, offset, ct);
            return TypedResults.Ok(new PagedList<SiaeResponse>(items, p, size, total));
        });

        group.MapGet("/vocabulary", () => TypedResults.Ok(new
        {
            kinds = SiaeKind.Terms.All.Select(t => new { t.Code, t.Label, t.CountsTowardClause }),
            sectors = SiaeSector.Terms.All.Select(t => new { t.Code, t.Label }),
        }));

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, TenantDb tenant, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            return await SiaeStore.GetAsync(db, id, ct) is { } siae ? Http.OkWithETag(http, siae, siae.Version) : NotFound();
        });

        group.MapPost("/", async (SiaeRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (!MayWrite(current.Required))
                return Problems.Forbidden("Seuls les acheteurs, les administrateurs d'une organisation et les administrateurs de la plateforme peuvent ajouter une SIAE à l'annuaire.");
            var errors = SiaeRules.Validate(SiaeInputs.ToInput(request));
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

            await using var db = await tenant.BeginAsync(ct);
            if (await SiaeStore.SiretHolderAsync(db, SiaeInputs.NormalizeSiret(request.Siret)!, null, ct) is { } holder)
                return DuplicateSiret(holder);
            var created = await SiaeStore.CreateAsync(db, request, ct);
            await db.CommitAsync(ct);
            return Http.CreatedWithETag(http, $"/api/siae/{created.Id}", created, created.Version);
        });

        group.MapPut("/{id:guid}", async (Guid id, SiaeRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (!MayWrite(current.Required))
                return Problems.Forbidden("Seuls les acheteurs, les administrateurs d'une organisation et les administrateurs de la plateforme peuvent modifier l'annuaire des SIAE.");
            await using var db = await tenant.BeginAsync(ct);
            var source = await SiaeStore.LockSourceAsync(db, id, ct);
            if (source is null) return NotFound();
            if (source != "saisie")
                return Problems.Conflict(
                    "Cette fiche est importée du Marché de l'inclusion et mise à jour à chaque import : corrigez-la sur le Marché de l'inclusion. Seules les fiches saisies dans Clauses se modifient ici.",
                    "fiche-importee");
            if (Http.IfMatchVersion(http.Request) is not { } version) return Http.PreconditionRequired();

            var errors = SiaeRules.Validate(SiaeInputs.ToInput(request));
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            if (await SiaeStore.SiretHolderAsync(db, SiaeInputs.NormalizeSiret(request.Siret)!, id, ct) is { } holder)
                return DuplicateSiret(holder);

            if (!await SiaeStore.UpdateAsync(db, id, version, request, ct)) return Http.PreconditionFailed();
            var updated = (await SiaeStore.GetAsync(db, id, ct))!;
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, updated, updated.Version);
        });

        group.MapPost("/import", async (TenantDb tenant, CurrentUserAccessor current, SiaeImporter importer, MarcheInclusionClient client, CancellationToken ct) =>
        {
            if (!current.Required.PlatformAdmin)
                return Problems.Forbidden("Seuls les administrateurs de la plateforme peuvent lancer l'import de l'annuaire depuis le Marché de l'inclusion.");
            if (!client.HasToken)
                return Problems.Result(503,
                    "L'import depuis le Marché de l'inclusion n'est pas configuré : renseignez le jeton d'accès (paramètre MarcheInclusion:Token).",
                    "marche-inclusion-non-configure");

            var outcome = await importer.RunAsync(tenant, ct);
            if (!outcome.Failed) return TypedResults.Ok(outcome.Report);
            return TypedResults.Problem(
                detail: outcome.Report.Error, statusCode: StatusCodes.Status502BadGateway,
                title: "Le Marché de l'inclusion n'a pas pu être lu", type: Problems.TypeFor(502, "marche-inclusion-indisponible"),
                extensions: new Dictionary<string, object?> { ["report"] = outcome.Report });
        });

        return api;
    }

    private static bool MayWrite(CurrentUser user) =>
        user.PlatformAdmin || user.Memberships.Any(m => m.Roles.Any(Writers.Contains));

    private static IResult DuplicateSiret((Guid Id, string Name, string Source) holder) => Problems.Result(409,
        $"Le SIRET est déjà dans l'annuaire (fiche « {holder.Name} », identifiant {holder.Id}"
        + (holder.Source == "marche_inclusion" ? ", importée du Marché de l'inclusion" : "") + ") : modifiez cette fiche plutôt que d'en créer une autre.",
        "siret-deja-present");

    private static IResult NotFound() => Problems.NotFound("Aucune SIAE de l'annuaire ne porte cet identifiant.");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
