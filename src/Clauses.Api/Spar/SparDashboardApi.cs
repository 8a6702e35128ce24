using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Organisations;

namespace Clauses.Api.Spar;

public sealed record SparOrganisation(Guid Id, string Name);

/// <summary>The SPAR dashboard (DOMAIN §7) as JSON: what the page shows, for an organisation and a year.</summary>
public static class SparDashboardApi
{
    /// <summary>Directors and admins see their organisation; facilitators see each organisation they serve.</summary>
    public static readonly string[] Viewers = [Role.Directeur, Role.Admin, Role.Facilitateur];

    public static RouteGroupBuilder MapSparDashboard(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/spar").WithTags("SPAR");

        group.MapGet("/organisations", async (TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            return TypedResults.Ok(await OrganisationsAsync(db, current.Required, ct));
        });

        group.MapGet("/dashboard", (Guid? organisationId, int? year, TenantDb tenant, CurrentUserAccessor current, TimeProvider clock,
            CancellationToken ct) => RenderAsync(organisationId, year, tenant, current, clock, d => TypedResults.Ok(d), ct))
            .Produces<SparDashboard>();

        // The same dashboard as files: what the page shows, one sheet (or CSV section) per block.
        group.MapGet("/dashboard.xlsx", (Guid? organisationId, int? year, TenantDb tenant, CurrentUserAccessor current, TimeProvider clock,
            CancellationToken ct) => RenderAsync(organisationId, year, tenant, current, clock,
                d => TypedResults.File(SparDashboardXlsx.Write(d), SparDashboardXlsx.ContentType, SparDashboardExport.FileName(d, "xlsx")), ct))
            .Produces(StatusCodes.Status200OK, contentType: SparDashboardXlsx.ContentType);

        group.MapGet("/dashboard.csv", (Guid? organisationId, int? year, TenantDb tenant, CurrentUserAccessor current, TimeProvider clock,
            CancellationToken ct) => RenderAsync(organisationId, year, tenant, current, clock,
                d => TypedResults.File(SparDashboardCsv.Write(d), SparDashboardCsv.ContentType, SparDashboardExport.FileName(d, "csv")), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        return api;
    }

    private static async Task<IResult> RenderAsync(Guid? organisationId, int? year, TenantDb tenant, CurrentUserAccessor current, TimeProvider clock,
        Func<SparDashboard, IResult> render, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        if (year is < 2015 or > 2100) return Problems.Validation(new Dictionary<string, string[]>
        {
            ["year"] = [$"L'année doit être comprise entre 2015 et 2100 (reçu : {year})."],
        });
        await using var db = await tenant.BeginAsync(ct);
        var dashboard = await LoadAsync(db, current.Required, organisationId, year ?? today.Year, today, ct);
        return dashboard is null
            ? Problems.NotFound("Aucune organisation dont vous pouvez consulter le tableau de bord SPAR ne porte cet identifiant.")
            : render(dashboard);
    }

    public static async Task<IReadOnlyList<SparOrganisation>> OrganisationsAsync(TenantSession db, CurrentUser user, CancellationToken ct)
    {
        var ids = user.Memberships.Where(m => user.HasAnyRole(m.OrganisationId, Viewers)).Select(m => m.OrganisationId).ToArray();
        return (await SparDashboardStore.OrganisationsAsync(db, ids, ct)).Select(o => new SparOrganisation(o.Id, o.Name)).ToList();
    }

    /// <summary>The dashboard of the organisation (the first one the user may see when none is named); null when the user may
    /// not see it. With a contract, only that contract's row and clause rows are read and built (the drill-down page); the
    /// other figures of the dashboard are then empty.</summary>
    public static async Task<SparDashboard?> LoadAsync(TenantSession db, CurrentUser user, Guid? organisationId, int year, DateOnly today,
        CancellationToken ct, Guid? contract = null)
    {
        var organisations = await OrganisationsAsync(db, user, ct);
        var organisation = organisationId is { } id ? organisations.FirstOrDefault(o => o.Id == id) : organisations.Count > 0 ? organisations[0] : null;
        if (organisation is null) return null;
        // A past year is seen as at its last day; the current one as at today.
        var asOf = year < today.Year ? new DateOnly(year, 12, 31) : today;
        var data = contract is { } contractId
            ? await SparDashboardStore.LoadContractAsync(db, organisation.Id, year, asOf, contractId, ct)
            : await SparDashboardStore.LoadAsync(db, organisation.Id, year, asOf, ct);
        return SparDashboardBuilder.Build(organisation.Id, organisation.Name, year, asOf, data);
    }
}
