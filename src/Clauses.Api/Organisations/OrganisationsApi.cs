using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Common;
using Clauses.Core.Organisations;

namespace Clauses.Api.Organisations;

public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations");

        // The caller's organisations (all of them for a platform administrator).
        group.MapGet("/", async (string? search, string? kind, int? page, int? pageSize, TenantDb tenant, CancellationToken ct) =>
        {
            var (p, size, offset) = Http.Paging(page, pageSize);
            await using var db = await tenant.BeginAsync(ct);
            var (items, total) = await OrganisationsStore.ListAsync(db, Blank(search), Blank(kind), size, offset, ct);
            return TypedResults.Ok(new PagedList<OrganisationResponse>(items, p, size, total));
        });

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, TenantDb tenant, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var org = await OrganisationsStore.GetAsync(db, id, ct);
            return org is null ? NotFound() : Http.OkWithETag(http, org, org.Version);
        });

        group.MapPost("/", async (OrganisationRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current,
            UserResolver users, CancellationToken ct) =>
        {
            if (!current.Required.PlatformAdmin)
                return Problems.Forbidden("Seul un administrateur de la plateforme peut créer une organisation.");
            var errors = Validate(request);
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            await using var db = await tenant.BeginAsync(ct);
            var created = await OrganisationsStore.CreateAsync(db, request, current.Required.Id, ct);
            await db.CommitAsync(ct);
            users.Forget(current.Required.TenantId, current.Required.ObjectId);   // the creator is now its admin
            return Http.CreatedWithETag(http, $"/api/organisations/{created.Id}", created, created.Version);
        });

        group.MapPut("/{id:guid}", async (Guid id, OrganisationRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            if (!user.PlatformAdmin && !user.HasAnyRole(id, Roles.Admin))
                return user.IsMember(id)
                    ? Problems.Forbidden("Seul un administrateur de l'organisation peut la modifier.")
                    : NotFound();
            if (Http.IfMatchVersion(http.Request) is not { } version) return Http.PreconditionRequired();
            var errors = Validate(request);
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

            await using var db = await tenant.BeginAsync(ct);
            var updated = await OrganisationsStore.UpdateAsync(db, id, version, request, ct);
            if (updated is null)
                return await OrganisationsStore.GetAsync(db, id, ct) is null ? NotFound() : Http.PreconditionFailed();
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, updated, updated.Version);
        });

        return api;
    }

    private static ValidationErrors Validate(OrganisationRequest r)
    {
        var errors = OrganisationRules.Validate(new OrganisationInput(
            r.Name!, r.Kind!, r.Siret is null ? null : Siret.Normalize(r.Siret), r.Departement?.Trim().ToUpperInvariant()));
        if (r.RetentionMonths is < 12 or > 240)
            errors.Add("retentionMonths", "La durée de conservation doit être comprise entre 12 et 240 mois.");
        return errors;
    }

    private static IResult NotFound() => Problems.NotFound("Aucune organisation accessible ne porte cet identifiant.");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
