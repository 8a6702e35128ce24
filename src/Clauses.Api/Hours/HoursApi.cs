using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Hours;

namespace Clauses.Api.Hours;

/// <summary>Hours of a contract: the facilitators' batches (idempotent, answered row by row), monthly statements.</summary>
public static class HoursApi
{
    public const int MaxBatchRows = 5_000;

    public static RouteGroupBuilder MapHours(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contracts/{contractId:guid}").WithTags("Heures d'insertion");

        group.MapGet("/hours", async (Guid contractId, DateOnly? period, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (period is not { } p) return Problems.Validation(new Dictionary<string, string[]> { ["period"] = ["Indiquez le mois (période=AAAA-MM-01)."] });
            var month = new DateOnly(p.Year, p.Month, 1);
            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedContractAsync(db, contractId, current.Required, ct) is null) return ContractNotFound();
            var statement = await HoursStore.StatementAsync(db, contractId, month, ct);
            var rows = statement is null ? [] : await HoursStore.RowsAsync(db, contractId, month, statement.Version, ct);
            return TypedResults.Ok(new ContractHoursResponse(contractId, month, statement, rows));
        });

        group.MapPost("/hours/batch", async (Guid contractId, HoursBatchRequest request, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var rows = request.Rows ?? [];
            if (rows.Length > MaxBatchRows)
                return Problems.Result(413, $"Envoyez au plus {MaxBatchRows} lignes par requête (découpez l'envoi).");
            var source = request.Source ?? "api";
            if (source is not ("excel" or "api" or "saisie"))
                return Problems.Validation(new Dictionary<string, string[]> { ["source"] = ["Source inconnue ; valeurs admises : excel, api, saisie."] });

            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedContractAsync(db, contractId, current.Required, ct) is null) return ContractNotFound();
            var context = (await HoursContext.LoadAsync(db, contractId, ct))!;
            var pipeline = new HoursPipeline(db, context,
                new HoursPipeline.Options(request.DryRun, Atomic: false, TrackRows: true, source, null, current.Required.Id, ChunkSize: MaxBatchRows));
            foreach (var row in rows) await pipeline.AddAsync(row.ToInput(), ct);
            await pipeline.CompleteAsync(ct);
            if (!request.DryRun) await db.CommitAsync(ct);
            return TypedResults.Ok(new HoursBatchResponse(pipeline.Accepted, pipeline.Replaced, pipeline.Unchanged, pipeline.Rejected, pipeline.Outcomes));
        });

        group.MapGet("/statements", async (Guid contractId, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedContractAsync(db, contractId, current.Required, ct) is null) return ContractNotFound();
            return TypedResults.Ok(await HoursStore.StatementsAsync(db, contractId, ct));
        });

        // DOMAIN §5: a validated statement is locked (trigger in migration 0006 as the second wall).
        group.MapPost("/statements/{period}/validate", async (Guid contractId, DateOnly period, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var month = new DateOnly(period.Year, period.Month, 1);
            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedContractAsync(db, contractId, current.Required, ct) is null) return ContractNotFound();
            if (await HoursStore.LockLatestAsync(db, contractId, month, ct) is not { } latest)
                return Problems.NotFound("Aucune heure n'a été déclarée pour ce mois : il n'y a pas de relevé à valider.");
            if (latest.Status == "valide")
                return Problems.Conflict("Ce relevé est déjà validé.", "deja-valide");
            await db.ExecuteAsync("UPDATE hour_statements SET status = 'valide', validated_by = @user, validated_at = now() WHERE id = @Id",
                new { latest.Id, user = current.Required.Id }, ct);
            var statement = await HoursStore.StatementAsync(db, contractId, month, ct);
            await db.CommitAsync(ct);
            return TypedResults.Ok(statement);
        });

        // A correction of a validated month is a new version, starting from a copy of the validated rows.
        group.MapPost("/statements/{period}/corrections", async (Guid contractId, DateOnly period, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var month = new DateOnly(period.Year, period.Month, 1);
            await using var db = await tenant.BeginAsync(ct);
            if (await FacilitatedContractAsync(db, contractId, current.Required, ct) is not { } organisationId) return ContractNotFound();
            if (await HoursStore.LockLatestAsync(db, contractId, month, ct) is not { } latest)
                return Problems.NotFound("Aucun relevé n'existe pour ce mois.");
            if (latest.Status != "valide")
                return Problems.Conflict("Le relevé de ce mois est encore un brouillon : modifiez-le directement.", "brouillon");
            await db.ExecuteAsync("""
                INSERT INTO hour_statements (organisation_id, contract_id, period, version) VALUES (@organisationId, @contractId, @month, @next);
                INSERT INTO hour_records (organisation_id, contract_id, lot_id, clause_id, participant_id, employer_siret, siae_id, modality,
                                          period, period_kind, version, hours, counting_method, invoiced_amount_ht, evidence_reference,
                                          source, file_hash, declared_by)
                SELECT organisation_id, contract_id, lot_id, clause_id, participant_id, employer_siret, siae_id, modality, period, period_kind,
                       @next, hours, counting_method, invoiced_amount_ht, evidence_reference, source, file_hash, declared_by
                  FROM hour_records
                 WHERE organisation_id = @organisationId AND contract_id = @contractId AND version = @Version
                   AND period >= @month AND period < (@month::date + interval '1 month');
                """, new { organisationId, contractId, month, next = latest.Version + 1, latest.Version }, ct);
            var statement = await HoursStore.StatementAsync(db, contractId, month, ct);
            await db.CommitAsync(ct);
            return TypedResults.Created($"/api/contracts/{contractId}/statements", statement);
        });

        return api;
    }

    /// <summary>The contract's organisation when the caller is one of its facilitators; null otherwise (answered as not found).</summary>
    internal static async Task<Guid?> FacilitatedContractAsync(TenantSession db, Guid contractId, CurrentUser user, CancellationToken ct)
    {
        var organisationId = await db.ExecuteScalarAsync<Guid?>("SELECT organisation_id FROM contracts WHERE id = @contractId", new { contractId }, ct);
        return organisationId is { } org && user.HasAnyRole(org, Roles.Facilitateur) ? org : null;
    }

    internal static IResult ContractNotFound() =>
        Problems.NotFound("Aucun marché que vous suivez comme facilitateur ne porte cet identifiant.");
}
