using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Common;
using Clauses.Core.Contracts;

namespace Clauses.Api.Contracts;

public static class LotsApi
{
    public static RouteGroupBuilder MapLots(this RouteGroupBuilder api)
    {
        api.MapGet("/contracts/{contractId:guid}/lots", async (Guid contractId, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var contract = await ContractsStore.GetAsync(db, contractId, ct);
            if (contract is null || !current.Required.HasAnyRole(contract.OrganisationId, Roles.ContractReaders)) return ContractNotFound();
            return TypedResults.Ok(await LotsStore.ListAsync(db, contractId, ct));
        }).WithTags("Lots");

        api.MapPost("/contracts/{contractId:guid}/lots", async (Guid contractId, LotRequest request, HttpContext http,
            TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            await using var db = await tenant.BeginAsync(ct);
            // Locking the contract serialises lot changes, so two lots added at once cannot overflow its amount.
            var contract = await ContractsStore.LockAsync(db, contractId, ct);
            if (contract is not { } c || !user.HasAnyRole(c.OrganisationId, Roles.ContractReaders)) return ContractNotFound();
            if (!user.HasAnyRole(c.OrganisationId, Roles.ContractWriters)) return WritersOnly();

            var errors = await ValidateAsync(db, request, contractId, c.AmountHt, null, ct);
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            var created = await LotsStore.CreateAsync(db, c.OrganisationId, contractId, request, ct);
            await db.CommitAsync(ct);
            return Http.CreatedWithETag(http, $"/api/lots/{created.Id}", created, created.Version);
        }).WithTags("Lots");

        api.MapGet("/lots/{id:guid}", async (Guid id, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var lot = await LotsStore.GetAsync(db, id, ct);
            if (lot is null || !current.Required.HasAnyRole(lot.OrganisationId, Roles.ContractReaders)) return LotNotFound();
            return Http.OkWithETag(http, lot, lot.Version);
        }).WithTags("Lots");

        api.MapPut("/lots/{id:guid}", async (Guid id, LotRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            await using var db = await tenant.BeginAsync(ct);
            var lot = await LotsStore.GetAsync(db, id, ct);
            if (lot is null || !user.HasAnyRole(lot.OrganisationId, Roles.ContractReaders)) return LotNotFound();
            if (!user.HasAnyRole(lot.OrganisationId, Roles.ContractWriters)) return WritersOnly();
            if (Http.IfMatchVersion(http.Request) is not { } version) return Http.PreconditionRequired();

            var contract = (await ContractsStore.LockAsync(db, lot.ContractId, ct))!.Value;
            var errors = await ValidateAsync(db, request, lot.ContractId, contract.AmountHt, id, ct);
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            if (!await LotsStore.UpdateAsync(db, id, version, request, ct)) return Http.PreconditionFailed();
            var updated = (await LotsStore.GetAsync(db, id, ct))!;
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, updated, updated.Version);
        }).WithTags("Lots");

        return api;
    }

    private static async Task<ValidationErrors> ValidateAsync(TenantSession db, LotRequest r, Guid contractId, decimal contractAmount, Guid? lotId, CancellationToken ct)
    {
        var errors = LotRules.Validate(new LotInput(r.Number ?? 0, r.Title!,
            string.IsNullOrWhiteSpace(r.Trade) ? null : r.Trade.Trim(),
            string.IsNullOrWhiteSpace(r.CpvCode) ? null : r.CpvCode.Trim(), r.AmountHt ?? 0m));
        if (r.Number is null) errors.Add("number", "Le numéro du lot est obligatoire.");
        if (r.AmountHt is null) errors.Add("amountHt", "Le montant HT du lot est obligatoire.");
        if (!errors.IsValid) return errors;

        if (await LotsStore.NumberTakenAsync(db, contractId, r.Number!.Value, lotId, ct))
            errors.Add("number", $"Ce marché a déjà un lot n° {r.Number}.");
        var amounts = (await LotsStore.OtherAmountsAsync(db, contractId, lotId, ct)).Append(r.AmountHt!.Value);
        errors.Merge(LotRules.ValidateLotsFitContract(contractAmount, amounts));
        return errors;
    }

    private static IResult ContractNotFound() => Problems.NotFound("Aucun marché accessible ne porte cet identifiant.");
    private static IResult LotNotFound() => Problems.NotFound("Aucun lot accessible ne porte cet identifiant.");
    private static IResult WritersOnly() =>
        Problems.Forbidden("Seuls les acheteurs et administrateurs de l'organisation peuvent modifier les lots de ce marché.");
}
