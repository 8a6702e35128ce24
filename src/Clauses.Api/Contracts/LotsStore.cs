using Clauses.Api.Data;

namespace Clauses.Api.Contracts;

public static class LotsStore
{
    private const string Select = """
        SELECT l.id, l.organisation_id, l.contract_id, l.number, l.title, l.trade, l.cpv_code, l.amount_ht,
               r.outcome AS relevance_outcome, l.created_at, l.updated_at, l.version
          FROM lots l
          LEFT JOIN relevance_analyses r ON r.lot_id = l.id
        """;

    public static async Task<IReadOnlyList<LotResponse>> ListAsync(TenantSession db, Guid contractId, CancellationToken ct) =>
        (await db.QueryAsync<LotResponse>($"{Select} WHERE l.contract_id = @contractId ORDER BY l.number", new { contractId }, ct)).ToList();

    public static Task<LotResponse?> GetAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<LotResponse>($"{Select} WHERE l.id = @id", new { id }, ct);

    /// <summary>Amounts of the contract's other lots, to check they fit in the contract's amount.</summary>
    public static async Task<IReadOnlyList<decimal>> OtherAmountsAsync(TenantSession db, Guid contractId, Guid? exceptLotId, CancellationToken ct) =>
        (await db.QueryAsync<decimal>(
            "SELECT amount_ht FROM lots WHERE contract_id = @contractId AND id IS DISTINCT FROM @exceptLotId",
            new { contractId, exceptLotId }, ct)).ToList();

    public static Task<bool> NumberTakenAsync(TenantSession db, Guid contractId, int number, Guid? exceptLotId, CancellationToken ct) =>
        db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM lots WHERE contract_id = @contractId AND number = @number AND id IS DISTINCT FROM @exceptLotId)",
            new { contractId, number, exceptLotId }, ct);

    public static async Task<LotResponse> CreateAsync(TenantSession db, Guid organisationId, Guid contractId, LotRequest r, CancellationToken ct)
    {
        var id = await db.ExecuteScalarAsync<Guid>("""
            INSERT INTO lots (organisation_id, contract_id, number, title, trade, cpv_code, amount_ht)
            VALUES (@organisationId, @contractId, @Number, @Title, @Trade, @CpvCode, @AmountHt)
            RETURNING id
            """, new { organisationId, contractId, r.Number, Title = r.Title?.Trim(), Trade = Blank(r.Trade), CpvCode = Blank(r.CpvCode), r.AmountHt }, ct);
        return (await GetAsync(db, id, ct))!;
    }

    public static async Task<bool> UpdateAsync(TenantSession db, Guid id, int version, LotRequest r, CancellationToken ct) =>
        await db.ExecuteAsync("""
            UPDATE lots SET number = @Number, title = @Title, trade = @Trade, cpv_code = @CpvCode, amount_ht = @AmountHt
             WHERE id = @id AND version = @version
            """, new { id, version, r.Number, Title = r.Title?.Trim(), Trade = Blank(r.Trade), CpvCode = Blank(r.CpvCode), r.AmountHt }, ct) == 1;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
