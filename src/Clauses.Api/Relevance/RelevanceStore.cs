using Clauses.Api.Data;

namespace Clauses.Api.Relevance;

public static class RelevanceStore
{
    public static Task<ContractFacts?> ContractAsync(TenantSession db, Guid contractId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<ContractFacts>("""
            SELECT c.id, c.organisation_id, c.amount_ht, c.category, c.kind, c.launched_on, c.defence_security,
                   o.kind AS organisation_kind
              FROM contracts c JOIN organisations o ON o.id = c.organisation_id
             WHERE c.id = @contractId
            """, new { contractId }, ct);

    private const string LotSelect = """
        SELECT l.id AS lot_id, l.number, l.title, r.outcome, coalesce(r.instruments, '{}') AS instruments, r.reason, r.comment,
               r.loi_climat_exception, u.display_name AS analysed_by, r.analysed_at, r.version
          FROM lots l
          LEFT JOIN relevance_analyses r ON r.lot_id = l.id
          LEFT JOIN users u ON u.id = r.analysed_by
        """;

    public static async Task<IReadOnlyList<LotRelevance>> LotsAsync(TenantSession db, Guid contractId, CancellationToken ct) =>
        (await db.QueryAsync<LotRelevance>($"{LotSelect} WHERE l.contract_id = @contractId ORDER BY l.number", new { contractId }, ct)).ToList();

    public static Task<LotRelevance?> LotAsync(TenantSession db, Guid lotId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<LotRelevance>($"{LotSelect} WHERE l.id = @lotId", new { lotId }, ct);

    /// <returns>False when another analysis was recorded first.</returns>
    public static async Task<bool> InsertAsync(TenantSession db, Guid organisationId, Guid lotId, RelevanceRequest r, bool loiClimatApplies, Guid userId, CancellationToken ct) =>
        await db.ExecuteAsync("""
            INSERT INTO relevance_analyses (organisation_id, lot_id, outcome, instruments, reason, comment,
                                            loi_climat_applies, loi_climat_exception, analysed_by)
            VALUES (@organisationId, @lotId, @Outcome, @Instruments, @Reason, @Comment, @loiClimatApplies, @LoiClimatException, @userId)
            ON CONFLICT (lot_id) DO NOTHING
            """, Args(r, new { organisationId, lotId, loiClimatApplies, userId }), ct) == 1;

    /// <returns>False when the version did not match.</returns>
    public static async Task<bool> UpdateAsync(TenantSession db, Guid lotId, int version, RelevanceRequest r, bool loiClimatApplies, Guid userId, CancellationToken ct) =>
        await db.ExecuteAsync("""
            UPDATE relevance_analyses
               SET outcome = @Outcome, instruments = @Instruments, reason = @Reason, comment = @Comment,
                   loi_climat_applies = @loiClimatApplies, loi_climat_exception = @LoiClimatException,
                   analysed_by = @userId, analysed_at = now()
             WHERE lot_id = @lotId AND version = @version
            """, Args(r, new { lotId, version, loiClimatApplies, userId }), ct) == 1;

    private static Dictionary<string, object?> Args(RelevanceRequest r, object extra)
    {
        var args = new Dictionary<string, object?>
        {
            ["Outcome"] = r.Outcome,
            ["Instruments"] = r.Instruments ?? [],
            ["Reason"] = string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason,
            ["Comment"] = string.IsNullOrWhiteSpace(r.Comment) ? null : r.Comment.Trim(),
            ["LoiClimatException"] = string.IsNullOrWhiteSpace(r.LoiClimatException) ? null : r.LoiClimatException,
        };
        foreach (var p in extra.GetType().GetProperties()) args[p.Name] = p.GetValue(extra);
        return args;
    }
}
