using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Tenders;

namespace Clauses.Api.Tenders;

/// <summary>What happened to a buyer's action on a tender: done (with the tender), or refused with a French reason.</summary>
public sealed record TenderActionOutcome
{
    public TenderResponse? Tender { get; init; }
    public int Status { get; init; } = StatusCodes.Status200OK;
    /// <summary>The French reason of a refusal (404, 403, 409).</summary>
    public string? Detail { get; init; }
    public string? Slug { get; init; }
    /// <summary>French validation errors per field (400).</summary>
    public IDictionary<string, string[]>? Errors { get; init; }

    public bool Succeeded => Status == StatusCodes.Status200OK;

    /// <summary>The answer of the JSON API: the tender, or RFC 7807 problem details.</summary>
    public IResult ToResult() => Status switch
    {
        StatusCodes.Status200OK => TypedResults.Ok(Tender),
        StatusCodes.Status400BadRequest => Problems.Validation(Errors!),
        StatusCodes.Status409Conflict => Problems.Conflict(Detail!, Slug ?? "conflit"),
        _ => Problems.Result(Status, Detail!, Slug),
    };

    /// <summary>Every French message of a refusal, for a page.</summary>
    public IReadOnlyList<string> Messages() =>
        Errors is null ? Detail is null ? [] : [Detail] : Errors.SelectMany(e => e.Value).ToList();
}

/// <summary>
/// Buyer actions on reserved tenders shared by the JSON API (TendersApi) and the buyer pages, so both
/// apply the same checks. The caller owns the transaction: commit when <see cref="TenderActionOutcome.Succeeded"/>.
/// </summary>
public static class TenderActions
{
    public const string NotFoundDetail = "Aucun appel d'offres accessible ne porte cet identifiant.";
    public const string WritersOnlyDetail = "Seuls les acheteurs et administrateurs de l'organisation gèrent ses appels d'offres réservés.";

    /// <summary>
    /// brouillon → publie: the deadline must leave at least a day and the lot's relevance analysis must retain the
    /// reservation (TenderRules.ValidatePublication); matching SIAE are alerted through the outbox. Publishing a
    /// published tender again changes nothing and mails nobody.
    /// </summary>
    public static async Task<TenderActionOutcome> PublishAsync(TenantSession db, CurrentUser user, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var tender = await TendersStore.GetAsync(db, id, ct);
        if (tender is null || !user.HasAnyRole(tender.OrganisationId, Roles.ContractReaders))
            return new() { Status = StatusCodes.Status404NotFound, Detail = NotFoundDetail };
        if (!user.HasAnyRole(tender.OrganisationId, Roles.ContractWriters))
            return new() { Status = StatusCodes.Status403Forbidden, Detail = WritersOnlyDetail };
        if (tender.Status == TenderStatus.Publie) return new() { Tender = tender };
        if (!TenderStatus.CanMove(tender.Status, TenderStatus.Publie))
            return new() { Status = StatusCodes.Status409Conflict, Detail = TenderStatus.Refusal(tender.Status, TenderStatus.Publie), Slug = "statut" };
        var lotInstruments = await TenderLots.InstrumentsAsync(db, tender.LotId, ct);
        var errors = TenderRules.ValidatePublication(Input(tender), lotInstruments, now);
        if (!errors.IsValid) return new() { Status = StatusCodes.Status400BadRequest, Errors = errors.ToDictionary() };
        await db.ExecuteAsync("UPDATE tenders SET status = 'publie', published_at = now() WHERE id = @id", new { id }, ct);
        var published = (await TendersStore.GetAsync(db, id, ct))!;
        await TenderAlerts.EnqueueAsync(db, published, ct);
        return new() { Tender = published };
    }

    private static TenderInput Input(TenderResponse t) => new(t.Title, t.Summary, t.Description, t.Reservation, t.Sectors, t.Departements,
        new DateTimeOffset(DateTime.SpecifyKind(t.DeadlineAt, DateTimeKind.Utc)), t.DocumentsUrl, t.AmountHt);
}
