using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Common;

namespace Clauses.Api.Tenders;

/// <summary>Subcontracting and co-contracting links between SIAE and contractors on a contract's lots (seed 004, fiche 32).</summary>
public static class PartnershipsApi
{
    private const string Select = """
        SELECT p.id, p.contract_id, p.lot_id, p.siae_id, s.name AS siae_name, p.contractor_company_id, c.name AS contractor_name, p.kind,
               p.amount_ht, p.starts_on, p.ends_on, p.tender_id
          FROM partnerships p JOIN siae s ON s.id = p.siae_id LEFT JOIN companies c ON c.id = p.contractor_company_id
        """;

    public static RouteGroupBuilder MapPartnerships(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contracts/{contractId:guid}/partnerships").WithTags("Marchés réservés");

        group.MapGet("/", async (Guid contractId, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await OrganisationAsync(db, contractId, ct) is not { } org || !current.Required.HasAnyRole(org, Roles.ContractReaders)) return NotFound();
            return TypedResults.Ok(await db.QueryAsync<PartnershipResponse>($"{Select} WHERE p.contract_id = @contractId ORDER BY p.created_at", new { contractId }, ct));
        });

        group.MapPost("/", async (Guid contractId, PartnershipRequest r, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            if (await OrganisationAsync(db, contractId, ct) is not { } org || !current.Required.HasAnyRole(org, Roles.ContractReaders)) return NotFound();
            // Buyers record the links their contractors declare; facilitators see them in the hours they follow.
            if (!current.Required.HasAnyRole(org, [.. Roles.ContractWriters, Roles.Facilitateur]))
                return Problems.Forbidden("Seuls les acheteurs, facilitateurs et administrateurs de l'organisation enregistrent les partenariats.");
            var errors = new ValidationErrors();
            if (r.Kind is not ("sous_traitance" or "cotraitance"))
                errors.Add("kind", "Indiquez « sous_traitance » ou « cotraitance » (l'attribution d'un lot réservé s'enregistre par l'appel d'offres).");
            if (r.SiaeId is null || !await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM siae WHERE id = @SiaeId)", r, ct))
                errors.Add("siaeId", "Indiquez une structure de l'annuaire.");
            if (r.ContractorCompanyId is null || !await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM companies WHERE id = @ContractorCompanyId)", r, ct))
                errors.Add("contractorCompanyId", "Indiquez l'entreprise titulaire avec laquelle la structure travaille.");
            if (r.LotId is { } lotId && !await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM lots WHERE id = @lotId AND contract_id = @contractId)", new { lotId, contractId }, ct))
                errors.Add("lotId", "Ce lot n'appartient pas au marché.");
            if (r.AmountHt is { } amount) AmountRules.Check(errors, "amountHt", amount);
            if (r.EndsOn < r.StartsOn) errors.Add("endsOn", "La date de fin ne peut pas précéder la date de début.");
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            var id = await db.ExecuteScalarAsync<Guid>("""
                INSERT INTO partnerships (organisation_id, contract_id, lot_id, siae_id, contractor_company_id, kind, amount_ht, starts_on, ends_on, created_by)
                VALUES (@org, @contractId, @LotId, @SiaeId, @ContractorCompanyId, @Kind, @AmountHt, @StartsOn, @EndsOn, @userId)
                RETURNING id
                """, new { org, contractId, r.LotId, r.SiaeId, r.ContractorCompanyId, r.Kind, r.AmountHt, r.StartsOn, r.EndsOn, userId = current.Required.Id }, ct);
            var created = await db.QuerySingleOrDefaultAsync<PartnershipResponse>($"{Select} WHERE p.id = @id", new { id }, ct);
            await db.CommitAsync(ct);
            return TypedResults.Created($"/api/contracts/{contractId}/partnerships", created);
        });

        return api;
    }

    private static Task<Guid?> OrganisationAsync(TenantSession db, Guid contractId, CancellationToken ct) =>
        db.ExecuteScalarAsync<Guid?>("SELECT organisation_id FROM contracts WHERE id = @contractId", new { contractId }, ct);

    private static IResult NotFound() => Problems.NotFound("Aucun marché accessible ne porte cet identifiant.");
}
