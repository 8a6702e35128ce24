using Clauses.Api.Auth;
using Clauses.Api.Contracts;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Contracts;
using Clauses.Core.Relevance;

namespace Clauses.Api.Relevance;

/// <summary>Every lot of every contract gets a relevance analysis (seed 004, fiche 31), whatever its size.</summary>
public static class RelevanceApi
{
    public static RouteGroupBuilder MapRelevance(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Analyse de pertinence");

        group.MapGet("/contracts/{contractId:guid}/relevance", async (Guid contractId, TenantDb tenant, CurrentUserAccessor current,
            IConfiguration config, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var contract = await RelevanceStore.ContractAsync(db, contractId, ct);
            if (contract is null || !current.Required.HasAnyRole(contract.OrganisationId, Roles.ContractReaders))
                return Problems.NotFound("Aucun marché accessible ne porte cet identifiant.");
            var lots = await RelevanceStore.LotsAsync(db, contractId, ct);
            var analysed = lots.Count(l => l.Outcome is not null);
            return TypedResults.Ok(new ContractRelevance(contractId, RelevanceRules.ContractAnalysed(lots.Select(l => l.Outcome).ToList()),
                analysed, lots.Count, EvaluateLoiClimat(contract, config), lots));
        });

        group.MapPut("/lots/{lotId:guid}/relevance", async (Guid lotId, RelevanceRequest request, HttpContext http, TenantDb tenant,
            CurrentUserAccessor current, IConfiguration config, CancellationToken ct) =>
        {
            var user = current.Required;
            await using var db = await tenant.BeginAsync(ct);
            var lot = await LotsStore.GetAsync(db, lotId, ct);
            if (lot is null || !user.HasAnyRole(lot.OrganisationId, Roles.ContractReaders))
                return Problems.NotFound("Aucun lot accessible ne porte cet identifiant.");
            if (!user.HasAnyRole(lot.OrganisationId, Roles.ContractWriters))
                return Problems.Forbidden("Seuls les acheteurs et administrateurs de l'organisation analysent la pertinence des lots.");

            var contract = (await RelevanceStore.ContractAsync(db, lot.ContractId, ct))!;
            var loiClimat = EvaluateLoiClimat(contract, config);
            var errors = RelevanceRules.Validate(new RelevanceInput(request.Outcome ?? "", request.Instruments ?? [], request.Reason,
                request.Comment, loiClimat.Applies, request.LoiClimatException), contract.Kind == ContractKind.Concession);
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

            var existing = await RelevanceStore.LotAsync(db, lotId, ct);
            var ifMatch = Http.IfMatchVersion(http.Request);
            bool saved;
            if (existing?.Version is { } version)
            {
                // Changing a recorded analysis requires the version the buyer saw.
                if (ifMatch is null) return Http.PreconditionRequired();
                saved = ifMatch == version && await RelevanceStore.UpdateAsync(db, lotId, version, request, loiClimat.Applies, user.Id, ct);
            }
            else
            {
                saved = ifMatch is null && await RelevanceStore.InsertAsync(db, lot.OrganisationId, lotId, request, loiClimat.Applies, user.Id, ct);
            }
            if (!saved) return Http.PreconditionFailed();

            var entry = (await RelevanceStore.LotAsync(db, lotId, ct))!;
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, entry, entry.Version!.Value);
        });

        return api;
    }

    /// <summary>R12: thresholds and entry into force are configurable (LoiClimat:EntryIntoForce) in case a decree sets another date.</summary>
    private static LoiClimatResult EvaluateLoiClimat(ContractFacts contract, IConfiguration config) =>
        LoiClimat.Evaluate(contract.ToLoiClimatInput(), EuThresholds.Default,
            config.GetValue<DateOnly?>("LoiClimat:EntryIntoForce") ?? LoiClimat.DefaultEntryIntoForce);
}
