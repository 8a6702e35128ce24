using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Organisations;
using Clauses.Core.Tenders;

namespace Clauses.Api.Tenders;

/// <summary>The SIAE side of reserved tenders, shared by the API and the SIAE pages.</summary>
public static class TenderViews
{
    /// <summary>Open tenders, those matching the caller's SIAE (kind, sectors, territory) first; no SIAE account → by deadline.</summary>
    public static async Task<IReadOnlyList<SiaeTenderView>> ForSiaeAsync(TenantSession db, CurrentUser? user, CancellationToken ct)
    {
        var open = await TendersStore.OpenAsync(db, ct);
        var account = user is null ? null : await TendersStore.AccountAsync(db, user.OrganisationIdsWithRole(Role.Siae).ToArray(), ct);
        if (account is null) return open.Select(t => new SiaeTenderView(t, 0, null)).ToList();
        var answers = await TendersStore.AnswersAsync(db, account.Id, ct);
        return open
            .Select(t => new SiaeTenderView(t, TenderRules.Match(t.Reservation, t.Sectors, t.Departements, account.Kind, account.Sectors, account.Departements),
                answers.TryGetValue(t.Id, out var a) ? a : null))
            .OrderByDescending(v => v.Match).ThenBy(v => v.Tender.DeadlineAt)
            .ToList();
    }

    /// <summary>Records the SIAE's answer; returns a problem, or null when it was recorded.</summary>
    public static async Task<IResult?> AnswerAsync(TenantSession db, CurrentUser user, Guid tenderId, bool interested, string? message,
        DateTimeOffset now, CancellationToken ct)
    {
        var account = await TendersStore.AccountAsync(db, user.OrganisationIdsWithRole(Role.Siae).ToArray(), ct);
        if (account is null)
            return Problems.Forbidden("Seul un compte de structure d'insertion (SIAE) peut répondre à un appel d'offres réservé.");
        var tender = await TendersStore.GetAsync(db, tenderId, ct);
        if (tender is null || tender.Status != TenderStatus.Publie)
            return Problems.NotFound("Aucun appel d'offres ouvert ne porte cet identifiant.");
        if (DateTime.SpecifyKind(tender.DeadlineAt, DateTimeKind.Utc) <= now.UtcDateTime)
            return Problems.Conflict("La date limite de réponse à cet appel d'offres est passée.", "appel-clos");
        if (message is { Length: > 2000 })
            return Problems.Validation(new Dictionary<string, string[]> { ["message"] = ["Le message ne doit pas dépasser 2 000 caractères."] });
        await db.ExecuteAsync("""
            INSERT INTO tender_interests (tender_id, siae_id, organisation_id, user_id, interested, message)
            VALUES (@tenderId, @siaeId, @OrganisationId, @userId, @interested, @message)
            ON CONFLICT (tender_id, siae_id) DO UPDATE
               SET interested = excluded.interested, message = excluded.message, user_id = excluded.user_id, updated_at = now()
            """, new { tenderId, siaeId = account.Id, tender.OrganisationId, userId = user.Id, interested, message = string.IsNullOrWhiteSpace(message) ? null : message.Trim() }, ct);
        return null;
    }
}
