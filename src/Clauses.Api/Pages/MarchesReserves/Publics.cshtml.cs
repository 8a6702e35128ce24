using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Tenders;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Clauses.Api.Pages.MarchesReserves;

/// <summary>
/// The open reserved tenders for SIAE without an account (anonymous, read-only). The session carries no user:
/// row-level security then lets through only published notices.
/// </summary>
public sealed class PublicsModel(NpgsqlDataSource dataSource, CurrentUserAccessor current) : PageModel
{
    public IReadOnlyList<TenderCard> Tenders { get; private set; } = [];
    public bool SignedIn => current.User is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = await new TenantDb(dataSource, new CurrentUserAccessor()).BeginAsync(ct);
        Tenders = (await TenderViews.ForSiaeAsync(db, null, ct)).Select(v => new TenderCard(v.Tender, null)).ToList();
    }
}
