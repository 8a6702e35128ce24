using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Spar;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Clauses.Api.Pages.TableauDeBord;

/// <summary>
/// The directors' SPAR dashboard (DOMAIN §7) for an organisation and a year: indicators against their targets, hours per month,
/// breakdowns, clause burn-down and contracts. Charts are drawn by a local script from the embedded dashboard; each has its
/// table, so the page reads without JavaScript. The .xlsx and .csv handlers export the same dashboard.
/// </summary>
public sealed class IndexModel(TenantDb tenant, CurrentUserAccessor current, TimeProvider clock, IOptions<JsonOptions> json) : PageModel
{
    public DashboardView View { get; private set; } = null!;
    public SparDashboard Dashboard => View.Dashboard!;
    public string DataJson => DashboardPage.Json(Dashboard, json.Value);

    /// <summary>"clauses" or "marches": that table shows every row instead of the first <see cref="DashboardPage.FirstRows"/>.</summary>
    public string? All { get; private set; }
    public IReadOnlyList<SparClauseRow> ShownClauses => All == "clauses" ? Dashboard.Clauses : [.. Dashboard.Clauses.Take(DashboardPage.FirstRows)];
    public IReadOnlyList<SparContractRow> ShownContracts => All == "marches" ? Dashboard.Contracts : [.. Dashboard.Contracts.Take(DashboardPage.FirstRows)];

    public async Task<IActionResult> OnGetAsync(Guid? organisation, int? annee, string? tout, CancellationToken ct)
    {
        All = tout;
        View = await LoadAsync(organisation, annee, ct);
        Response.StatusCode = View.Status;
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid? organisation, int? annee, CancellationToken ct)
    {
        View = await LoadAsync(organisation, annee, ct);
        if (View.Dashboard is not { } d) return RefusedPage();
        return File(SparDashboardXlsx.Write(d), SparDashboardXlsx.ContentType, SparDashboardExport.FileName(d, "xlsx"));
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid? organisation, int? annee, CancellationToken ct)
    {
        View = await LoadAsync(organisation, annee, ct);
        if (View.Dashboard is not { } d) return RefusedPage();
        return File(SparDashboardCsv.Write(d), SparDashboardCsv.ContentType, SparDashboardExport.FileName(d, "csv"));
    }

    private PageResult RefusedPage()
    {
        Response.StatusCode = View.Status;
        return Page();
    }

    private Task<DashboardView> LoadAsync(Guid? organisation, int? annee, CancellationToken ct) =>
        DashboardPage.LoadAsync(tenant, current.Required, organisation, annee, DateOnly.FromDateTime(clock.GetLocalNow().Date), ct);
}
