using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Spar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clauses.Api.Pages.TableauDeBord;

/// <summary>Drill-down: one contract of the dashboard and its clauses, built by the dashboard's own rules from that contract's
/// data only.</summary>
public sealed class MarcheModel(TenantDb tenant, CurrentUserAccessor current, TimeProvider clock) : PageModel
{
    public DashboardView View { get; private set; } = null!;
    public SparContractRow? Contract { get; private set; }
    public IReadOnlyList<SparClauseRow> Clauses { get; private set; } = [];
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? organisation, int? annee, CancellationToken ct)
    {
        View = await DashboardPage.LoadAsync(tenant, current.Required, organisation, annee,
            DateOnly.FromDateTime(clock.GetLocalNow().Date), ct, contract: id);
        Refusal = View.Refusal;
        Response.StatusCode = View.Status;
        if (View.Dashboard is { } d)
        {
            Contract = d.Contracts.FirstOrDefault(c => c.Id == id);
            Clauses = d.Clauses.Where(c => c.ContractId == id).ToList();
            if (Contract is null)
            {
                Refusal = $"Ce marché ne figure pas au tableau de bord {d.Year} de {d.OrganisationName} : il n'a ni heures ni notification cette année-là.";
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
        return Page();
    }
}
