using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Tenders;
using Clauses.Core.Tenders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clauses.Api.Pages.Acheteur;

/// <summary>
/// A buyer's reserved tenders by status, with the SIAE that answered; a draft can be published here
/// (same rules as POST /api/tenders/{id}/publish, through TenderActions).
/// </summary>
public sealed class MarchesReservesModel(TenantDb tenant, CurrentUserAccessor current, TimeProvider clock, Outbox.OutboxSignal outbox) : PageModel
{
    /// <summary>The statuses shown, in this order (cancelled tenders last).</summary>
    public static readonly string[] StatusOrder = [TenderStatus.Brouillon, TenderStatus.Publie, TenderStatus.Clos, TenderStatus.Attribue, TenderStatus.Annule];

    public IReadOnlyList<TenderResponse> Tenders { get; private set; } = [];
    public ILookup<Guid, InterestResponse> Interests { get; private set; } = Array.Empty<InterestResponse>().ToLookup(i => i.TenderId);
    public PageMessages Messages { get; private set; } = PageMessages.None;
    /// <summary>The tender a refused publication was about, so its card shows the errors too.</summary>
    public Guid? FailedId { get; private set; }
    public IReadOnlyList<string> Organisations { get; private set; } = [];

    public bool MayPublish(TenderResponse t) => current.Required.HasAnyRole(t.OrganisationId, Roles.ContractWriters);

    public async Task<IActionResult> OnGetAsync(Guid? publie, CancellationToken ct)
    {
        if (PageText.BuyerOrganisations(current.User).Length == 0) return Forbid();
        await using var db = await tenant.BeginAsync(ct);
        await LoadAsync(db, ct);
        if (publie is { } id && Tenders.FirstOrDefault(t => t.Id == id) is { Status: TenderStatus.Publie } done)
            Messages = new($"L'appel d'offres « {done.Title} » est publié : les structures inclusives correspondantes en sont averties par courriel.", []);
        return Page();
    }

    public async Task<IActionResult> OnPostPublierAsync(Guid id, CancellationToken ct)
    {
        if (PageText.BuyerOrganisations(current.User).Length == 0) return Forbid();
        await using var db = await tenant.BeginAsync(ct);
        var outcome = await TenderActions.PublishAsync(db, current.Required, id, clock.GetUtcNow(), ct);
        if (outcome.Succeeded)
        {
            await db.CommitAsync(ct);
            outbox.Wake();
            return Redirect($"/acheteur/marches-reserves?publie={id}#appel-{id}");
        }
        await LoadAsync(db, ct);
        var title = Tenders.FirstOrDefault(t => t.Id == id)?.Title;
        Messages = new(null, [.. outcome.Messages().Select(m => title is null ? m : $"« {title} » : {m}")]);
        FailedId = id;
        Response.StatusCode = outcome.Status;
        return Page();
    }

    private async Task LoadAsync(TenantSession db, CancellationToken ct)
    {
        var user = current.Required;
        var orgs = PageText.BuyerOrganisations(user);
        Organisations = user.Memberships.Where(m => orgs.Contains(m.OrganisationId)).Select(m => m.OrganisationName).Distinct().ToList();
        Tenders = await TendersStore.ForOrganisationsAsync(db, orgs, null, ct);
        var ids = Tenders.Select(t => t.Id).ToArray();
        Interests = (await TendersStore.InterestsAsync(db, ids, ct)).ToLookup(i => i.TenderId);
    }
}
