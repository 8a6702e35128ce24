using System.Globalization;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Hours.Workbooks;
using Clauses.Api.Infrastructure;
using Clauses.Core.Participants;

namespace Clauses.Api.Hours;

public static class WorkbooksApi
{
    private sealed record ContractTitle(string Reference, string Title);
    private sealed record LotTitle(int Number, string Title);
    private sealed record PersonName(long Number, string? Name);

    /// <summary>GET /api/contracts/{id}/workbook?period=…: the template of a contract and month, existing records filled in.</summary>
    public static RouteGroupBuilder MapWorkbooks(this RouteGroupBuilder api)
    {
        api.MapGet("/contracts/{contractId:guid}/workbook", async (Guid contractId, DateOnly? period, TenantDb tenant,
            CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (period is not { } p) return Problems.Validation(new Dictionary<string, string[]> { ["period"] = ["Indiquez le mois (period=AAAA-MM-01)."] });
            var month = new DateOnly(p.Year, p.Month, 1);
            await using var db = await tenant.BeginAsync(ct);
            if (await HoursApi.FacilitatedContractAsync(db, contractId, current.Required, ct) is not { } organisationId) return HoursApi.ContractNotFound();

            var contract = (await db.QuerySingleOrDefaultAsync<ContractTitle>("SELECT reference, title FROM contracts WHERE id = @contractId", new { contractId }, ct))!;
            var lots = (await db.QueryAsync<LotTitle>("SELECT number, title FROM lots WHERE contract_id = @contractId ORDER BY number", new { contractId }, ct))
                .Select(l => new TemplateLot(l.Number, l.Title)).ToList();
            var people = (await db.QueryAsync<PersonName>("""
                SELECT p.number, upper(i.last_name) || ' ' || i.first_name AS name
                  FROM participants p JOIN participant_identities i ON i.participant_id = p.id
                 WHERE p.organisation_id = @organisationId AND p.anonymised_at IS NULL ORDER BY i.last_name, i.first_name
                """, new { organisationId }, ct)).Select(x => new TemplateParticipant(ParticipantRules.Reference(x.Number), x.Name ?? "")).ToList();
            var statement = await HoursStore.StatementAsync(db, contractId, month, ct);
            var rows = statement is null ? [] : (await HoursStore.RowsAsync(db, contractId, month, statement.Version, ct))
                .Select(r => new TemplateRow(r.LotNumber, r.ParticipantReference, r.EmployerSiret, r.Modality, r.Period, r.Hours, r.InvoicedAmountHt, r.EvidenceReference))
                .ToList();
            if (people.Count > 0)
                await AuditLog.WriteAsync(db, organisationId, current.Required.Id, "participant.identity.workbook", "participant",
                    (await db.QueryAsync<Guid>("SELECT id FROM participants WHERE organisation_id = @organisationId AND anonymised_at IS NULL",
                        new { organisationId }, ct)).ToList(), ct);
            await db.CommitAsync(ct);

            var stream = new MemoryStream();
            HoursTemplate.Write(stream, new TemplateInput(contract.Reference, contract.Title, month, lots, people, HoursImport.Modalities, rows));
            stream.Position = 0;
            var name = $"Heures {contract.Reference} {month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}.xlsx";
            return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
        }).WithTags("Heures d'insertion");
        return api;
    }
}
