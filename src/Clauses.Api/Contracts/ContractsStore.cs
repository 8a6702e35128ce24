using Clauses.Api.Data;

namespace Clauses.Api.Contracts;

/// <summary>SQL for contracts. RLS already confines rows to the caller's organisations; the explicit
/// organisation filter narrows further to those where the caller's role may read contracts.</summary>
public static class ContractsStore
{
    private const string Select = """
        SELECT c.id, c.organisation_id, c.reference, c.title, c.kind, c.category, c.status, c.cpv_code, c.amount_ht,
               c.notified_on, c.starts_on, c.ends_on, c.launched_on, c.defence_security,
               (SELECT count(*)::int FROM lots l WHERE l.contract_id = c.id) AS lot_count,
               (SELECT count(*)::int FROM lots l JOIN relevance_analyses r ON r.lot_id = l.id WHERE l.contract_id = c.id) AS analysed_lot_count,
               c.created_at, c.updated_at, c.version
          FROM contracts c
        """;

    public static async Task<(IReadOnlyList<ContractResponse> Items, long Total)> ListAsync(
        TenantSession db, ContractFilter f, int limit, int offset, CancellationToken ct)
    {
        const string where = """
            WHERE c.organisation_id = ANY (@OrganisationIds)
              AND (@Search::text IS NULL OR (c.reference || ' ' || c.title) ILIKE '%' || @Search || '%')
              AND (@Kind::text IS NULL OR c.kind = @Kind)
              AND (@Category::text IS NULL OR c.category = @Category)
              AND (@Status::text IS NULL OR c.status = @Status)
            """;
        var args = new { f.OrganisationIds, f.Search, f.Kind, f.Category, f.Status, limit, offset };
        var total = await db.ExecuteScalarAsync<long>($"SELECT count(*) FROM contracts c {where}", args, ct);
        var items = await db.QueryAsync<ContractResponse>(
            $"{Select} {where} ORDER BY c.created_at DESC, c.id LIMIT @limit OFFSET @offset", args, ct);
        return (items.ToList(), total);
    }

    public static Task<ContractResponse?> GetAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<ContractResponse>($"{Select} WHERE c.id = @id", new { id }, ct);

    /// <summary>Reads the contract and locks it until the transaction ends (lots are checked against its amount).</summary>
    public static Task<(Guid OrganisationId, decimal AmountHt)?> LockAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<(Guid, decimal)?>(
            "SELECT organisation_id, amount_ht FROM contracts WHERE id = @id FOR UPDATE", new { id }, ct);

    public static async Task<ContractResponse> CreateAsync(TenantSession db, Guid organisationId, ContractRequest r, Guid userId, CancellationToken ct)
    {
        var id = await db.ExecuteScalarAsync<Guid>("""
            INSERT INTO contracts (organisation_id, reference, title, kind, category, status, cpv_code, amount_ht,
                                   notified_on, starts_on, ends_on, launched_on, defence_security, created_by)
            VALUES (@organisationId, @Reference, @Title, @Kind, @Category, coalesce(@Status, 'en_preparation'), @CpvCode, @AmountHt,
                    @NotifiedOn, @StartsOn, @EndsOn, @LaunchedOn, coalesce(@DefenceSecurity, false), @userId)
            RETURNING id
            """, Args(r, new { organisationId, userId }), ct);
        return (await GetAsync(db, id, ct))!;
    }

    /// <returns>False when the version did not match.</returns>
    public static async Task<bool> UpdateAsync(TenantSession db, Guid id, int version, ContractRequest r, CancellationToken ct) =>
        await db.ExecuteAsync("""
            UPDATE contracts
               SET reference = @Reference, title = @Title, kind = @Kind, category = @Category,
                   status = coalesce(@Status, status), cpv_code = @CpvCode, amount_ht = @AmountHt,
                   notified_on = @NotifiedOn, starts_on = @StartsOn, ends_on = @EndsOn,
                   launched_on = @LaunchedOn, defence_security = coalesce(@DefenceSecurity, defence_security)
             WHERE id = @id AND version = @version
            """, Args(r, new { id, version }), ct) == 1;

    public static Task<bool> ReferenceTakenAsync(TenantSession db, Guid organisationId, string reference, Guid? exceptId, CancellationToken ct) =>
        db.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM contracts
                            WHERE organisation_id = @organisationId AND reference = @reference AND id IS DISTINCT FROM @exceptId)
            """, new { organisationId, reference, exceptId }, ct);

    private static Dictionary<string, object?> Args(ContractRequest r, object extra)
    {
        var args = new Dictionary<string, object?>
        {
            ["Reference"] = r.Reference?.Trim(),
            ["Title"] = r.Title?.Trim(),
            ["Kind"] = r.Kind,
            ["Category"] = r.Category,
            ["Status"] = r.Status,
            ["CpvCode"] = string.IsNullOrWhiteSpace(r.CpvCode) ? null : r.CpvCode.Trim(),
            ["AmountHt"] = r.AmountHt,
            ["NotifiedOn"] = r.NotifiedOn,
            ["StartsOn"] = r.StartsOn,
            ["EndsOn"] = r.EndsOn,
            ["LaunchedOn"] = r.LaunchedOn,
            ["DefenceSecurity"] = r.DefenceSecurity,
        };
        foreach (var p in extra.GetType().GetProperties()) args[p.Name] = p.GetValue(extra);
        return args;
    }
}
