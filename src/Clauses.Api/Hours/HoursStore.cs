using Clauses.Api.Data;

namespace Clauses.Api.Hours;

public static class HoursStore
{
    /// <summary>The contract's current rows for a month: those of the statement's latest version.</summary>
    public static async Task<IReadOnlyList<HourRowResponse>> RowsAsync(TenantSession db, Guid contractId, DateOnly month, int version, CancellationToken ct) =>
        (await db.QueryAsync<HourRowResponse>("""
            SELECT l.number AS lot_number, h.participant_id, p.number AS participant_number,
                   CASE WHEN i.participant_id IS NULL THEN NULL ELSE upper(i.last_name) || ' ' || i.first_name END AS participant_name,
                   h.employer_siret, h.modality, h.period, h.period_kind, h.hours, h.invoiced_amount_ht, h.evidence_reference
              FROM hour_records h
              JOIN lots l ON l.id = h.lot_id
              JOIN participants p ON p.id = h.participant_id
              LEFT JOIN participant_identities i ON i.participant_id = h.participant_id
             WHERE h.organisation_id = (SELECT organisation_id FROM contracts WHERE id = @contractId)
               AND h.contract_id = @contractId AND h.version = @version
               AND h.period >= @month AND h.period < (@month::date + interval '1 month')
             ORDER BY l.number, p.number, h.period, h.modality
            """, new { contractId, month, version }, ct)).ToList();

    public static async Task<IReadOnlyList<StatementInfo>> StatementsAsync(TenantSession db, Guid contractId, CancellationToken ct) =>
        (await db.QueryAsync<StatementInfo>("""
            SELECT DISTINCT ON (s.period) s.period, s.version, s.status, s.validated_at, u.display_name AS validated_by,
                   coalesce(t.total, 0) AS total_hours, coalesce(t.records, 0)::int AS record_count
              FROM hour_statements s
              LEFT JOIN users u ON u.id = s.validated_by
              LEFT JOIN LATERAL (SELECT sum(h.hours) AS total, count(*) AS records FROM hour_records h
                                  WHERE h.organisation_id = s.organisation_id AND h.contract_id = s.contract_id AND h.version = s.version
                                    AND h.period >= s.period AND h.period < (s.period + interval '1 month')) t ON true
             WHERE s.contract_id = @contractId
             ORDER BY s.period DESC, s.version DESC
            """, new { contractId }, ct)).ToList();

    public static async Task<StatementInfo?> StatementAsync(TenantSession db, Guid contractId, DateOnly month, CancellationToken ct) =>
        (await StatementsAsync(db, contractId, ct)).FirstOrDefault(s => s.Period == month);

    /// <summary>Locks the month's latest statement row for validation or correction.</summary>
    public static Task<(Guid Id, int Version, string Status)?> LockLatestAsync(TenantSession db, Guid contractId, DateOnly month, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<(Guid, int, string)?>("""
            SELECT id, version, status FROM hour_statements
             WHERE contract_id = @contractId AND period = @month ORDER BY version DESC LIMIT 1 FOR UPDATE
            """, new { contractId, month }, ct);
}
