using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Tenders;
using Clauses.Core.Organisations;
using Clauses.Core.Tenders;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clauses.Api.Pages.MarchesReserves;

/// <summary>The open reserved tenders for a signed-in user: for an SIAE account, those that fit its kind, sectors and territory first.</summary>
public sealed class IndexModel(TenantDb tenant, CurrentUserAccessor current) : PageModel
{
    public TendersStore.SiaeAccount? Account { get; private set; }
    public IReadOnlyList<TenderCard> Matching { get; private set; } = [];
    public IReadOnlyList<TenderCard> Others { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = current.Required;
        await using var db = await tenant.BeginAsync(ct);
        Account = await TendersStore.AccountAsync(db, user.OrganisationIdsWithRole(Role.Siae).ToArray(), ct);
        var views = await TenderViews.ForSiaeAsync(db, user, ct);
        var cards = views.Select(v => new TenderCard(v.Tender, $"/marches-reserves/{v.Tender.Id}",
            Matches: Account is not null && v.Match >= TenderRules.AlertScore, Interested: v.Interested,
            Note: Account is not null && v.Match == 0
                ? $"Ce lot est réservé à d'autres structures que la vôtre ({PageText.Kind(Account.Kind)})."
                : null)).ToList();
        Matching = cards.Where(c => c.Matches).ToList();
        Others = cards.Where(c => !c.Matches).ToList();
    }
}
