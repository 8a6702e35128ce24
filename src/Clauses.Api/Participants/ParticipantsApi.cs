using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Common;
using Clauses.Core.Participants;

namespace Clauses.Api.Participants;

/// <summary>
/// Participants are the facilitators' business: only the facilitators of the organisation list,
/// read and edit them, and every read of an identity goes to the audit log.
/// </summary>
public static class ParticipantsApi
{
    public static RouteGroupBuilder MapParticipants(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/participants").WithTags("Participants");

        group.MapGet("/", async (Guid? organisationId, string? search, int? page, int? pageSize, TenantDb tenant,
            CurrentUserAccessor current, TimeProvider clock, CancellationToken ct) =>
        {
            var user = current.Required;
            var orgs = user.OrganisationIdsWithRole(Roles.Facilitateur).ToArray();
            if (organisationId is { } only)
            {
                if (!orgs.Contains(only)) return FacilitatorsOnly();
                orgs = [only];
            }
            var (p, size, offset) = Http.Paging(page, pageSize ?? 100, max: 5000);
            var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
            await using var db = await tenant.BeginAsync(ct);
            var (items, total) = await ParticipantsStore.ListAsync(db, orgs, term, ParticipantRules.ParseReference(term), Today(clock), size, offset, ct);
            foreach (var byOrg in items.Where(i => i.DisplayName is not null).GroupBy(i => i.OrganisationId))
                await AuditLog.WriteAsync(db, byOrg.Key, user.Id, "participant.identity.list", "participant", byOrg.Select(i => i.Id).ToList(), ct);
            await db.CommitAsync(ct);
            return TypedResults.Ok(new PagedList<ParticipantSummary>(items, p, size, total));
        });

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, TenantDb tenant, CurrentUserAccessor current, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var participant = await ParticipantsStore.GetAsync(db, id, Today(clock), ct);
            if (participant is null || !current.Required.HasAnyRole(participant.OrganisationId, Roles.Facilitateur)) return NotFound();
            var detail = new ParticipantDetail(participant, await ParticipantsStore.IdentityAsync(db, id, ct),
                await ParticipantsStore.ValidationsAsync(db, id, ct), await ParticipantsStore.AssignmentsAsync(db, id, ct),
                await ParticipantsStore.ExitsAsync(db, id, ct));
            if (detail.Identity is not null)
                await AuditLog.WriteAsync(db, participant.OrganisationId, current.Required.Id, "participant.identity.read", "participant", [id], ct);
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, detail, participant.Version);
        });

        group.MapPost("/", async (ParticipantRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current,
            TimeProvider clock, CancellationToken ct) =>
        {
            var user = current.Required;
            var facilitated = user.OrganisationIdsWithRole(Roles.Facilitateur).ToList();
            var organisationId = request.OrganisationId ?? (facilitated.Count == 1 ? facilitated[0] : null);
            var errors = Validate(request, Today(clock));
            if (organisationId is null) errors.Add("organisationId", "Indiquez l'organisation qui suit ce participant.");
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            if (!facilitated.Contains(organisationId!.Value)) return FacilitatorsOnly();

            await using var db = await tenant.BeginAsync(ct);
            var id = await ParticipantsStore.CreateAsync(db, organisationId.Value, request, user.Id, ct);
            var created = (await ParticipantsStore.GetAsync(db, id, Today(clock), ct))!;
            await db.CommitAsync(ct);
            return Http.CreatedWithETag(http, $"/api/participants/{id}", created, created.Version);
        });

        group.MapPut("/{id:guid}", async (Guid id, ParticipantRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current,
            TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var existing = await ParticipantsStore.GetAsync(db, id, Today(clock), ct);
            if (existing is null || !current.Required.HasAnyRole(existing.OrganisationId, Roles.Facilitateur)) return NotFound();
            if (existing.AnonymisedAt is not null)
                return Problems.Conflict("Ce participant a été anonymisé : ses données ne peuvent plus être modifiées.", "anonymise");
            if (Http.IfMatchVersion(http.Request) is not { } version) return Http.PreconditionRequired();
            var errors = Validate(request, Today(clock));
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            if (!await ParticipantsStore.UpdateAsync(db, id, version, request, ct)) return Http.PreconditionFailed();
            var updated = (await ParticipantsStore.GetAsync(db, id, Today(clock), ct))!;
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, updated, updated.Version);
        });

        return api;
    }

    private static ValidationErrors Validate(ParticipantRequest r, DateOnly today)
    {
        var i = r.Identity ?? new IdentityRequest(null, null, null, null, null, null, null, null, null);
        var errors = ParticipantRules.Validate(new ParticipantInput(i.LastName, i.FirstName, i.BirthDate, i.Email, i.Phone, i.Address,
            i.Postcode, i.City, i.FranceTravailId, r.Sex, r.Departement, r.QpvResident, r.EducationLevel), today);
        var prefixed = new ValidationErrors();
        foreach (var field in errors.Fields)
            foreach (var message in errors.For(field))
                prefixed.Add(field is "sex" or "departement" or "qpvResident" or "educationLevel" ? field : "identity." + field, message);
        return prefixed;
    }

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    internal static IResult NotFound() => Problems.NotFound("Aucun participant accessible ne porte cet identifiant.");

    internal static IResult FacilitatorsOnly() =>
        Problems.Forbidden("Seuls les facilitateurs de l'organisation ont accès à ses participants.");
}
