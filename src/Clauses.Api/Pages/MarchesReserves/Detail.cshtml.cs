using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Tenders;
using Clauses.Core.Organisations;
using Clauses.Core.Tenders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clauses.Api.Pages.MarchesReserves;

/// <summary>One reserved tender; an SIAE says whether it is interested (POST, then redirect to a confirmation).</summary>
public sealed class DetailModel(TenantDb tenant, CurrentUserAccessor current, TimeProvider clock) : PageModel
{
    public const string Interested = "interesse";
    public const string NotInterested = "pas-interesse";

    public TenderResponse Tender { get; private set; } = null!;
    public TendersStore.SiaeAccount? Account { get; private set; }
    public AnswerRow? Answer { get; private set; }
    public bool Open { get; private set; }
    public bool KindMayAnswer { get; private set; }
    public PageMessages Messages { get; private set; } = PageMessages.None;

    [BindProperty]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? confirmation, CancellationToken ct)
    {
        await using var db = await tenant.BeginAsync(ct);
        if (!await LoadAsync(db, id, ct)) return NotFound();
        Messages = confirmation switch
        {
            Interested => new("Votre intérêt est enregistré : l'acheteur voit désormais votre structure parmi les structures intéressées.", []),
            NotInterested => new("Votre réponse est enregistrée : vous n'êtes pas intéressé(e) par ce marché.", []),
            _ => PageMessages.None,
        };
        Message = Answer?.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? reponse, CancellationToken ct)
    {
        var user = current.Required;
        await using var db = await tenant.BeginAsync(ct);
        if (!await LoadAsync(db, id, ct)) return NotFound();
        if (reponse is not (Interested or NotInterested)) return Refuse(400, "Choisissez « Je suis intéressé(e) » ou « Pas intéressé(e) ».");
        if (!Open)
            return Refuse(409, Tender.Status == TenderStatus.Publie
                ? $"Cet appel d'offres est clos : la date limite de réponse était le {PageText.DateTime(Tender.DeadlineAt)}."
                : $"Cet appel d'offres n'accepte pas de réponse (statut : {PageText.Status(Tender.Status).ToLowerInvariant()}).");
        var problem = await TenderViews.AnswerAsync(db, user, id, reponse == Interested, Message, clock.GetUtcNow(), ct);
        if (problem is not null) return Refuse(PageText.StatusCode(problem), [.. PageText.Messages(problem)]);
        await db.CommitAsync(ct);
        // Post/Redirect/Get: reloading the confirmation does not post again.
        return Redirect($"/marches-reserves/{id}?confirmation={reponse}#reponse");
    }

    private PageResult Refuse(int status, params string[] errors)
    {
        Messages = new(null, errors);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(TenantSession db, Guid id, CancellationToken ct)
    {
        var user = current.Required;
        var tender = await TendersStore.GetAsync(db, id, ct);   // RLS: published notices, or the caller's own drafts
        if (tender is null) return false;
        Tender = tender;
        Open = PageText.IsOpen(tender, clock.GetUtcNow());
        Account = await TendersStore.AccountAsync(db, user.OrganisationIdsWithRole(Role.Siae).ToArray(), ct);
        if (Account is not null)
        {
            KindMayAnswer = TenderRules.KindMayAnswer(tender.Reservation, Account.Kind);
            Answer = await db.QuerySingleOrDefaultAsync<AnswerRow>(
                "SELECT interested, message FROM tender_interests WHERE tender_id = @id AND siae_id = @siaeId", new { id, siaeId = Account.Id }, ct);
        }
        return true;
    }

    public sealed record AnswerRow
    {
        public bool Interested { get; init; }
        public string? Message { get; init; }
    }
}
