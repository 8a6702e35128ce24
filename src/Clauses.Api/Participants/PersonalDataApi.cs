using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Dapper;

namespace Clauses.Api.Participants;

public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalData(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Données personnelles");

        // GDPR art. 15: everything held about one person, in one document.
        group.MapGet("/participants/{id:guid}/export", async (Guid id, TenantDb tenant, CurrentUserAccessor current, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var participant = await ParticipantsStore.GetAsync(db, id, ParticipantsApi.Today(clock), ct);
            if (participant is null || !current.Required.HasAnyRole(participant.OrganisationId, Roles.Facilitateur)) return ParticipantsApi.NotFound();
            // Through the organisation's contracts: hour_records' key is led by contract (migration 0019).
            var hours = await db.QueryAsync<dynamic>("""
                SELECT c.reference AS contract_reference, l.number AS lot_number, h.employer_siret, h.modality, h.period, h.period_kind,
                       h.version, h.hours, h.counting_method, h.invoiced_amount_ht, h.evidence_reference, h.source, h.created_at, h.updated_at
                  FROM hour_records h JOIN lots l ON l.id = h.lot_id JOIN contracts c ON c.id = h.contract_id
                 WHERE h.contract_id IN (SELECT id FROM contracts WHERE organisation_id = @OrganisationId) AND h.participant_id = @id
                 ORDER BY h.period, l.number
                """, new { id, participant.OrganisationId }, ct);
            var reads = await db.QueryAsync<dynamic>("""
                SELECT a.at, a.action, u.display_name AS by FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
                 WHERE a.organisation_id = @OrganisationId AND a.details @> jsonb_build_object('ids', jsonb_build_array(@id::text))
                 ORDER BY a.at
                """, new { participant.OrganisationId, id }, ct);
            var export = new
            {
                exportedAt = clock.GetUtcNow(),
                participant,
                identity = await ParticipantsStore.IdentityAsync(db, id, ct),
                validations = await ParticipantsStore.ValidationsAsync(db, id, ct),
                assignments = await ParticipantsStore.AssignmentsAsync(db, id, ct),
                exits = await ParticipantsStore.ExitsAsync(db, id, ct),
                hours,
                accessLog = reads,
            };
            await AuditLog.WriteAsync(db, participant.OrganisationId, current.Required.Id, "participant.export", "participant", [id], ct);
            await db.CommitAsync(ct);
            return TypedResults.Ok(export);
        });

        // GDPR art. 17: erasure, unless the hours are proof in a validated statement (legal duty to keep):
        // then the person is anonymised instead.
        group.MapDelete("/participants/{id:guid}", async (Guid id, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await ParticipantHistoryApi.FacilitatedAsync(db, id, current.Required, ct) is not { } organisationId) return ParticipantsApi.NotFound();
            ErasureResponse answer;
            if (await PersonalData.HasValidatedHoursAsync(db.Connection, db.Transaction, id, ct))
            {
                await PersonalData.AnonymiseAsync(db.Connection, db.Transaction, [id], ct);
                answer = new ErasureResponse("anonymise",
                    "Des heures de cette personne figurent dans des relevés validés, qui font preuve de l'exécution du marché : "
                    + "son identité et ses justificatifs sont effacés, ses heures restent sous une référence anonyme.");
            }
            else
            {
                await db.ExecuteAsync("DELETE FROM participants WHERE id = @id", new { id }, ct);
                answer = new ErasureResponse("efface", "Toutes les données de cette personne ont été effacées.");
            }
            await AuditLog.WriteAsync(db, organisationId, current.Required.Id, "participant.erase", "participant", [id], ct);
            await db.CommitAsync(ct);
            return TypedResults.Ok(answer);
        });

        // The retention job for one organisation, on demand (it also runs daily for all).
        group.MapPost("/organisations/{organisationId:guid}/retention/run", async (Guid organisationId, SystemDb system,
            CurrentUserAccessor current, TimeProvider clock, CancellationToken ct) =>
        {
            var user = current.Required;
            if (!user.HasAnyRole(organisationId, Roles.Admin) && !user.PlatformAdmin)
                return Problems.Forbidden("Seul un administrateur de l'organisation peut lancer l'anonymisation.");
            await using var conn = await system.OpenAsync(ct);
            var due = await PersonalData.DueAsync(conn, organisationId, ParticipantsApi.Today(clock), ct);
            return TypedResults.Ok(new { anonymised = await PersonalData.AnonymiseAsync(conn, null, due, ct) });
        });

        return api;
    }
}
