using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Siae;
using Clauses.Core.Tenders;

namespace Clauses.Api.Tenders;

/// <summary>
/// Reserved lots published as tenders (L2113-12, L2113-13, L2113-13-1, L2113-15): buyers draft, publish
/// (matching SIAE are alerted by e-mail), close and award them; SIAE read them and say whether they are interested.
/// </summary>
public static class TendersApi
{
    public static RouteGroupBuilder MapTenders(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Marchés réservés");

        // The buyer's tenders.
        group.MapGet("/tenders", async (Guid? organisationId, string? status, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var orgs = current.Required.Memberships.Where(m => m.Roles.Any(Roles.ContractReaders.Contains)).Select(m => m.OrganisationId).ToArray();
            if (organisationId is { } only)
            {
                if (!orgs.Contains(only)) return Problems.Forbidden("Vous n'avez pas accès aux marchés de cette organisation.");
                orgs = [only];
            }
            await using var db = await tenant.BeginAsync(ct);
            return TypedResults.Ok(await TendersStore.ForOrganisationsAsync(db, orgs, string.IsNullOrWhiteSpace(status) ? null : status, ct));
        });

        group.MapGet("/tenders/{id:guid}", async (Guid id, HttpContext http, TenantDb tenant, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var tender = await TendersStore.GetAsync(db, id, ct);   // RLS: the buyer's own, or any published notice
            return tender is null ? NotFound() : Http.OkWithETag(http, tender, tender.Version);
        });

        group.MapPost("/lots/{lotId:guid}/tenders", async (Guid lotId, TenderRequest r, HttpContext http, TenantDb tenant,
            CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            await using var db = await tenant.BeginAsync(ct);
            var lot = await TenderLots.GetAsync(db, lotId, ct);
            if (lot is null || !user.HasAnyRole(lot.OrganisationId, Roles.ContractReaders)) return Problems.NotFound("Aucun lot accessible ne porte cet identifiant.");
            if (!user.HasAnyRole(lot.OrganisationId, Roles.ContractWriters)) return WritersOnly();
            if (lot.Reservation is null)
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["reservation"] = ["L'analyse de pertinence de ce lot ne retient aucune réservation (L2113-12, L2113-13, L2113-13-1 ou L2113-15)."],
                });
            var errors = TenderRules.Validate(Input(r, lot.Reservation));
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            var id = await db.ExecuteScalarAsync<Guid>("""
                INSERT INTO tenders (organisation_id, contract_id, lot_id, buyer_name, contract_reference, lot_number, title, summary, description,
                                     reservation, sectors, departements, amount_ht, deadline_at, documents_url, created_by)
                VALUES (@OrganisationId, @ContractId, @LotId, @BuyerName, @ContractReference, @Number, @Title, @Summary, @Description,
                        @Reservation, @Sectors, @Departements, @AmountHt, @DeadlineAt, @DocumentsUrl, @userId)
                RETURNING id
                """, new
                {
                    lot.OrganisationId, lot.ContractId, LotId = lot.Id, lot.BuyerName, lot.ContractReference, lot.Number, Title = r.Title!.Trim(),
                    r.Summary, r.Description, lot.Reservation, Sectors = r.Sectors ?? [], Departements = r.Departements ?? [],
                    AmountHt = r.AmountHt ?? lot.AmountHt, r.DeadlineAt, DocumentsUrl = Blank(r.DocumentsUrl), userId = user.Id,
                }, ct);
            var created = (await TendersStore.GetAsync(db, id, ct))!;
            await db.CommitAsync(ct);
            return Http.CreatedWithETag(http, $"/api/tenders/{id}", created, created.Version);
        });

        group.MapPut("/tenders/{id:guid}", async (Guid id, TenderRequest r, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await OwnAsync(db, id, current.Required, ct) is not { } tender) return NotFound();
            if (!current.Required.HasAnyRole(tender.OrganisationId, Roles.ContractWriters)) return WritersOnly();
            if (tender.Status is not (TenderStatus.Brouillon or TenderStatus.Publie))
                return Problems.Conflict("Un appel d'offres clos, attribué ou annulé ne se modifie plus.", "appel-fige");
            if (Http.IfMatchVersion(http.Request) is not { } version) return Http.PreconditionRequired();
            var errors = TenderRules.Validate(Input(r, tender.Reservation));
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            var updated = await db.ExecuteAsync("""
                UPDATE tenders SET title = @Title, summary = @Summary, description = @Description, sectors = @Sectors, departements = @Departements,
                                   amount_ht = @AmountHt, deadline_at = @DeadlineAt, documents_url = @DocumentsUrl
                 WHERE id = @id AND version = @version
                """, new
                {
                    id, version, Title = r.Title!.Trim(), r.Summary, r.Description, Sectors = r.Sectors ?? [], Departements = r.Departements ?? [],
                    r.AmountHt, r.DeadlineAt, DocumentsUrl = Blank(r.DocumentsUrl),
                }, ct);
            if (updated == 0) return Http.PreconditionFailed();
            var result = (await TendersStore.GetAsync(db, id, ct))!;
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, result, result.Version);
        });

        group.MapPost("/tenders/{id:guid}/publish", async (Guid id, TenantDb tenant, CurrentUserAccessor current, TimeProvider clock,
            Outbox.OutboxSignal outbox, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var outcome = await TenderActions.PublishAsync(db, current.Required, id, clock.GetUtcNow(), ct);
            if (!outcome.Succeeded) return outcome.ToResult();
            await db.CommitAsync(ct);
            outbox.Wake();
            return outcome.ToResult();
        });

        group.MapPost("/tenders/{id:guid}/close", (Guid id, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
            MoveAsync(id, TenderStatus.Clos, "closed_at = now()", tenant, current, ct));
        group.MapPost("/tenders/{id:guid}/cancel", (Guid id, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
            MoveAsync(id, TenderStatus.Annule, "closed_at = now()", tenant, current, ct));

        // The award of a reserved lot to an SIAE is also a partnership (place des SIAE indicators).
        group.MapPost("/tenders/{id:guid}/award", async (Guid id, AwardRequest r, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await OwnAsync(db, id, current.Required, ct) is not { } tender) return NotFound();
            if (!current.Required.HasAnyRole(tender.OrganisationId, Roles.ContractWriters)) return WritersOnly();
            if (!TenderStatus.CanMove(tender.Status, TenderStatus.Attribue)) return Problems.Conflict(TenderStatus.Refusal(tender.Status, TenderStatus.Attribue), "statut");
            var kind = r.SiaeId is { } siaeId ? await db.ExecuteScalarAsync<string?>("SELECT kind FROM siae WHERE id = @siaeId", new { siaeId }, ct) : null;
            if (kind is null) return Problems.Validation(new Dictionary<string, string[]> { ["siaeId"] = ["Indiquez une structure de l'annuaire."] });
            if (!TenderRules.KindMayAnswer(tender.Reservation, kind))
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["siaeId"] = [$"Une structure « {SiaeKind.Terms.Find(kind)?.Label ?? kind} » ne peut pas recevoir un lot réservé au titre de cet article."],
                });
            await db.ExecuteAsync("""
                UPDATE tenders SET status = 'attribue', awarded_siae_id = @SiaeId, awarded_at = now() WHERE id = @id;
                INSERT INTO partnerships (organisation_id, contract_id, lot_id, siae_id, kind, amount_ht, starts_on, ends_on, tender_id, created_by)
                VALUES (@OrganisationId, @ContractId, @LotId, @SiaeId, 'attribution', @AmountHt, @StartsOn, @EndsOn, @id, @userId);
                """, new
                {
                    id, r.SiaeId, tender.OrganisationId, tender.ContractId, tender.LotId, AmountHt = r.AmountHt ?? tender.AmountHt,
                    r.StartsOn, r.EndsOn, userId = current.Required.Id,
                }, ct);
            var awarded = (await TendersStore.GetAsync(db, id, ct))!;
            await db.CommitAsync(ct);
            return TypedResults.Ok(awarded);
        });

        group.MapGet("/tenders/{id:guid}/interests", async (Guid id, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await OwnAsync(db, id, current.Required, ct) is null) return NotFound();
            return TypedResults.Ok(await TendersStore.InterestsAsync(db, [id], ct));
        });

        // For SIAE: open tenders, those that fit their sectors and territory first.
        group.MapGet("/siae-tenders", async (TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            return TypedResults.Ok(await TenderViews.ForSiaeAsync(db, current.Required, ct));
        });

        group.MapPost("/tenders/{id:guid}/interest", async (Guid id, InterestRequest r, TenantDb tenant, CurrentUserAccessor current,
            TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var result = await TenderViews.AnswerAsync(db, current.Required, id, r.Interested ?? true, r.Message, clock.GetUtcNow(), ct);
            if (result is not null) return result;
            await db.CommitAsync(ct);
            return TypedResults.NoContent();
        });

        return api;
    }

    private static async Task<IResult> MoveAsync(Guid id, string to, string set, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct)
    {
        await using var db = await tenant.BeginAsync(ct);
        if (await OwnAsync(db, id, current.Required, ct) is not { } tender) return NotFound();
        if (!current.Required.HasAnyRole(tender.OrganisationId, Roles.ContractWriters)) return WritersOnly();
        if (!TenderStatus.CanMove(tender.Status, to)) return Problems.Conflict(TenderStatus.Refusal(tender.Status, to), "statut");
        await db.ExecuteAsync($"UPDATE tenders SET status = @to, {set} WHERE id = @id", new { id, to }, ct);
        var moved = (await TendersStore.GetAsync(db, id, ct))!;
        await db.CommitAsync(ct);
        return TypedResults.Ok(moved);
    }

    /// <summary>A tender of one of the caller's buyer organisations (not merely a public notice they can read).</summary>
    private static async Task<TenderResponse?> OwnAsync(TenantSession db, Guid id, CurrentUser user, CancellationToken ct) =>
        await TendersStore.GetAsync(db, id, ct) is { } t && user.HasAnyRole(t.OrganisationId, Roles.ContractReaders) ? t : null;

    private static TenderInput Input(TenderRequest r, string reservation) => new(r.Title, r.Summary, r.Description, reservation,
        r.Sectors ?? [], r.Departements ?? [], r.DeadlineAt, Blank(r.DocumentsUrl), r.AmountHt);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IResult NotFound() => Problems.NotFound("Aucun appel d'offres accessible ne porte cet identifiant.");
    private static IResult WritersOnly() => Problems.Forbidden("Seuls les acheteurs et administrateurs de l'organisation gèrent ses appels d'offres réservés.");
}
