using Clauses.Api.Auth;
using Clauses.Api.Contracts;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Common;
using Clauses.Core.Eligibility;
using Clauses.Core.Hours;

namespace Clauses.Api.Participants;

/// <summary>A participant's eligibility validations, assignments to lots, exits and 6-month follow-up.</summary>
public static class ParticipantHistoryApi
{
    public static RouteGroupBuilder MapParticipantHistory(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/participants/{id:guid}").WithTags("Participants");

        // R16: a person counts only with a recorded validation (criterion, or a named prescriber's avis motivé).
        group.MapPost("/validations", async (Guid id, ValidationRequest r, TenantDb tenant, CurrentUserAccessor current,
            TimeProvider clock, CancellationToken ct) =>
        {
            var today = ParticipantsApi.Today(clock);
            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedAsync(db, id, current.Required, ct) is not { } organisationId) return ParticipantsApi.NotFound();
            var errors = EligibilityRules.ValidateValidation(r.Criteria ?? [], r.Basis, r.PrescriberKind, r.PrescriberName,
                r.EvidenceReference, r.ValidatedOn, today);
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            var validatedOn = r.ValidatedOn!.Value;
            var created = await db.QuerySingleOrDefaultAsync<ValidationRecord>("""
                INSERT INTO eligibility_validations (organisation_id, participant_id, criteria, basis, prescriber_kind, prescriber_name,
                                                     evidence_reference, validated_on, valid_until, validated_by)
                VALUES (@organisationId, @id, @criteria, @Basis, @PrescriberKind, @PrescriberName, @EvidenceReference, @validatedOn,
                        @validUntil, @userId)
                RETURNING id, criteria, basis, prescriber_kind, prescriber_name, evidence_reference, validated_on, valid_until, created_at
                """, new
                {
                    organisationId, id, criteria = r.Criteria!.Distinct().ToArray(), r.Basis, r.PrescriberKind, r.PrescriberName,
                    r.EvidenceReference, validatedOn, validUntil = EligibilityRules.DefaultValidUntil(validatedOn), userId = current.Required.Id,
                }, ct);
            await Touch(db, id, validatedOn, ct);
            await db.CommitAsync(ct);
            return TypedResults.Created($"/api/participants/{id}", created);
        });

        group.MapPost("/assignments", async (Guid id, AssignmentRequest r, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedAsync(db, id, current.Required, ct) is not { } organisationId) return ParticipantsApi.NotFound();
            var errors = new ValidationErrors();
            var lot = r.LotId is { } lotId ? await LotsStore.GetAsync(db, lotId, ct) : null;
            if (lot is null || lot.OrganisationId != organisationId)
                errors.Add("lotId", "Indiquez un lot d'un marché de la même organisation que le participant.");
            var siret = r.EmployerSiret is null ? null : Siret.Normalize(r.EmployerSiret);
            if (!Siret.IsValid(siret)) errors.Add("employerSiret", "Le SIRET de l'employeur doit compter 14 chiffres et être valide.");
            if (!Modality.Terms.IsKnown(r.Modality)) errors.Add("modality", $"Modalité inconnue ; valeurs admises : {Modality.Terms.CodesText}.");
            if (r.StartsOn is null) errors.Add("startsOn", "La date de début est obligatoire.");
            else if (r.EndsOn < r.StartsOn) errors.Add("endsOn", "La date de fin ne peut pas précéder la date de début.");
            if (r.JobTitle is { Length: > 200 }) errors.Add("jobTitle", "L'intitulé du poste ne doit pas dépasser 200 caractères.");
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

            var clauseId = await db.ExecuteScalarAsync<Guid?>(
                "SELECT id FROM clauses WHERE lot_id = @LotId AND instrument = 'clause_execution'", new { r.LotId }, ct);
            var created = await db.QuerySingleOrDefaultAsync<AssignmentRecord>("""
                WITH a AS (
                  INSERT INTO assignments (organisation_id, participant_id, lot_id, clause_id, employer_siret, siae_id, modality,
                                           employment_contract, job_title, starts_on, ends_on, created_by)
                  VALUES (@organisationId, @id, @LotId, @clauseId, @siret, @SiaeId, @Modality, @EmploymentContract, @JobTitle,
                          @StartsOn, @EndsOn, @userId)
                  RETURNING *)
                SELECT a.id, a.lot_id, l.contract_id, c.reference AS contract_reference, l.number AS lot_number, a.clause_id, a.employer_siret,
                       a.siae_id, a.modality, a.employment_contract, a.job_title, a.starts_on, a.ends_on
                  FROM a JOIN lots l ON l.id = a.lot_id JOIN contracts c ON c.id = l.contract_id
                """, new
                {
                    organisationId, id, r.LotId, clauseId, siret, r.SiaeId, r.Modality, r.EmploymentContract, r.JobTitle,
                    r.StartsOn, r.EndsOn, userId = current.Required.Id,
                }, ct);
            await Touch(db, id, r.StartsOn!.Value, ct);
            await db.CommitAsync(ct);
            return TypedResults.Created($"/api/participants/{id}", created);
        });

        // DOMAIN §5: exit with its outcome; follow-up due 6 months later.
        group.MapPost("/exits", async (Guid id, ExitRequest r, TenantDb tenant, CurrentUserAccessor current, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedAsync(db, id, current.Required, ct) is not { } organisationId) return ParticipantsApi.NotFound();
            var errors = ExitRules.Validate(r.Outcome, r.ExitedOn, ParticipantsApi.Today(clock));
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            var created = await db.QuerySingleOrDefaultAsync<ExitRecord>("""
                INSERT INTO exits (organisation_id, participant_id, exited_on, outcome, follow_up_due_on, created_by)
                VALUES (@organisationId, @id, @ExitedOn, @Outcome, @due, @userId)
                ON CONFLICT (participant_id, exited_on) DO NOTHING
                RETURNING id, exited_on, outcome, follow_up_due_on, follow_up_on, follow_up_outcome
                """, new { organisationId, id, r.ExitedOn, r.Outcome, due = ExitRules.FollowUpDue(r.ExitedOn!.Value), userId = current.Required.Id }, ct);
            if (created is null) return Problems.Conflict("Une sortie est déjà enregistrée à cette date pour ce participant.", "doublon");
            await Touch(db, id, r.ExitedOn.Value, ct);
            await db.CommitAsync(ct);
            return TypedResults.Created($"/api/participants/{id}", created);
        });

        group.MapPut("/exits/{exitId:guid}/follow-up", async (Guid id, Guid exitId, FollowUpRequest r, TenantDb tenant, CurrentUserAccessor current,
            TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedAsync(db, id, current.Required, ct) is null) return ParticipantsApi.NotFound();
            var errors = new ValidationErrors();
            if (!ExitOutcome.Terms.IsKnown(r.Outcome))
                errors.Add("outcome", $"Situation inconnue ; valeurs admises : {ExitOutcome.Terms.CodesText}.");
            if (r.FollowUpOn is not { } on) errors.Add("followUpOn", "La date du suivi est obligatoire.");
            else if (on > ParticipantsApi.Today(clock)) errors.Add("followUpOn", "La date du suivi ne peut pas être dans le futur.");
            var exit = await db.QuerySingleOrDefaultAsync<ExitRecord>(
                "SELECT id, exited_on, outcome, follow_up_due_on, follow_up_on, follow_up_outcome FROM exits WHERE id = @exitId AND participant_id = @id",
                new { exitId, id }, ct);
            if (exit is null) return Problems.NotFound("Aucune sortie de ce participant ne porte cet identifiant.");
            if (r.FollowUpOn < exit.ExitedOn) errors.Add("followUpOn", "Le suivi ne peut pas précéder la sortie.");
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            var updated = await db.QuerySingleOrDefaultAsync<ExitRecord>("""
                UPDATE exits SET follow_up_on = @FollowUpOn, follow_up_outcome = @Outcome WHERE id = @exitId
                RETURNING id, exited_on, outcome, follow_up_due_on, follow_up_on, follow_up_outcome
                """, new { exitId, r.FollowUpOn, r.Outcome }, ct);
            await db.CommitAsync(ct);
            return TypedResults.Ok(updated);
        });

        return api;
    }

    /// <summary>The participant's organisation when the caller facilitates it; null otherwise (answered as not found).</summary>
    internal static async Task<Guid?> FacilitatedAsync(TenantSession db, Guid participantId, CurrentUser user, CancellationToken ct)
    {
        var organisationId = await db.ExecuteScalarAsync<Guid?>(
            "SELECT organisation_id FROM participants WHERE id = @participantId AND anonymised_at IS NULL", new { participantId }, ct);
        return organisationId is { } org && user.HasAnyRole(org, Roles.Facilitateur) ? org : null;
    }

    /// <summary>Keeps the date of the participant's latest activity, from which retention is counted.</summary>
    internal static Task Touch(TenantSession db, Guid participantId, DateOnly on, CancellationToken ct) => db.ExecuteAsync(
        "UPDATE participants SET last_activity_on = greatest(coalesce(last_activity_on, @on), @on) WHERE id = @participantId",
        new { participantId, on }, ct);
}
