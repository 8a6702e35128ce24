using Clauses.Api.Data;

namespace Clauses.Api.Clauses;

public static class ClausesStore
{
    private const string Select = """
        SELECT cl.id, cl.organisation_id, l.contract_id, cl.lot_id, l.number AS lot_number, l.title AS lot_title,
               c.reference AS contract_reference, c.title AS contract_title, o.name AS buyer_name,
               cl.instrument, cl.sizing_mode, cl.amount_ht, cl.labour_share, cl.labour_share_source, cl.insertion_rate,
               cl.hourly_cost, cl.rounding_mode, cl.target_hours, cl.exact_hours, cl.preset, cl.award_weight,
               cl.penalty_per_hour, cl.penalty_cap, cl.eligible_criteria, cl.allowed_modalities, cl.reporting_frequency,
               cl.facilitator_contact, w.code AS wording_code, w.version AS wording_version, w.title AS wording_title,
               w.legal_basis AS wording_legal_basis, w.body AS wording_body, cl.created_at, cl.updated_at, cl.version
          FROM clauses cl
          JOIN lots l ON l.id = cl.lot_id
          JOIN contracts c ON c.id = l.contract_id
          JOIN organisations o ON o.id = cl.organisation_id
          LEFT JOIN wordings w ON w.id = cl.wording_id
        """;

    public static Task<ClauseRow?> GetAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<ClauseRow>($"{Select} WHERE cl.id = @id", new { id }, ct);

    public static async Task<IReadOnlyList<ClauseRow>> ForLotAsync(TenantSession db, Guid lotId, CancellationToken ct) =>
        (await db.QueryAsync<ClauseRow>($"{Select} WHERE cl.lot_id = @lotId ORDER BY cl.created_at", new { lotId }, ct)).ToList();

    public static async Task<IReadOnlyList<ClauseRow>> ForContractAsync(TenantSession db, Guid contractId, CancellationToken ct) =>
        (await db.QueryAsync<ClauseRow>($"{Select} WHERE l.contract_id = @contractId ORDER BY l.number, cl.created_at", new { contractId }, ct)).ToList();

    public static async Task<IReadOnlyList<string>> InstrumentsOfLotAsync(TenantSession db, Guid lotId, Guid? exceptClauseId, CancellationToken ct) =>
        (await db.QueryAsync<string>("SELECT instrument FROM clauses WHERE lot_id = @lotId AND id IS DISTINCT FROM @exceptClauseId",
            new { lotId, exceptClauseId }, ct)).ToList();

    public static Task<Guid> InsertAsync(TenantSession db, Guid organisationId, Guid lotId, StoredClause s, Guid userId, CancellationToken ct) =>
        db.ExecuteScalarAsync<Guid>("""
            INSERT INTO clauses (organisation_id, lot_id, instrument, sizing_mode, amount_ht, labour_share, labour_share_source,
                                 insertion_rate, hourly_cost, rounding_mode, target_hours, exact_hours, preset, award_weight,
                                 penalty_per_hour, penalty_cap, eligible_criteria, allowed_modalities, reporting_frequency,
                                 facilitator_contact, wording_id, wording_code, wording_version, warnings, created_by)
            VALUES (@organisationId, @lotId, @Instrument, @SizingMode, @AmountHt, @LabourShare, @LabourShareSource,
                    @InsertionRate, @HourlyCost, @RoundingMode, @TargetHours, @ExactHours, @Preset, @AwardWeight,
                    @PenaltyPerHour, @PenaltyCap, @EligibleCriteria, @AllowedModalities, @ReportingFrequency,
                    @FacilitatorContact, @WordingId, @WordingCode, @WordingVersion, @Warnings, @userId)
            RETURNING id
            """, s.Args(new { organisationId, lotId, userId }), ct);

    /// <returns>False when the version did not match.</returns>
    public static async Task<bool> UpdateAsync(TenantSession db, Guid id, int version, StoredClause s, CancellationToken ct) =>
        await db.ExecuteAsync("""
            UPDATE clauses
               SET instrument = @Instrument, sizing_mode = @SizingMode, amount_ht = @AmountHt, labour_share = @LabourShare,
                   labour_share_source = @LabourShareSource, insertion_rate = @InsertionRate, hourly_cost = @HourlyCost,
                   rounding_mode = @RoundingMode, target_hours = @TargetHours, exact_hours = @ExactHours, preset = @Preset,
                   award_weight = @AwardWeight, penalty_per_hour = @PenaltyPerHour, penalty_cap = @PenaltyCap,
                   eligible_criteria = @EligibleCriteria, allowed_modalities = @AllowedModalities,
                   reporting_frequency = @ReportingFrequency, facilitator_contact = @FacilitatorContact,
                   wording_id = @WordingId, wording_code = @WordingCode, wording_version = @WordingVersion, warnings = @Warnings
             WHERE id = @id AND version = @version
            """, s.Args(new { id, version }), ct) == 1;

    public static async Task<bool> DeleteAsync(TenantSession db, Guid id, int version, CancellationToken ct) =>
        await db.ExecuteAsync("DELETE FROM clauses WHERE id = @id AND version = @version", new { id, version }, ct) == 1;
}

/// <summary>The columns written for a clause: the buyer's inputs and what Clauses computed from them.</summary>
public sealed record StoredClause(
    string Instrument, string? SizingMode, decimal? AmountHt, decimal? LabourShare, string? LabourShareSource,
    decimal? InsertionRate, decimal? HourlyCost, string RoundingMode, decimal? TargetHours, decimal? ExactHours,
    string? Preset, decimal? AwardWeight, decimal? PenaltyPerHour, decimal? PenaltyCap, string[] EligibleCriteria,
    string[] AllowedModalities, string? ReportingFrequency, string? FacilitatorContact, Guid WordingId, string WordingCode,
    int WordingVersion, string[] Warnings)
{
    public Dictionary<string, object?> Args(object extra)
    {
        var args = GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToDictionary(p => p.Name, p => p.GetValue(this));
        foreach (var p in extra.GetType().GetProperties()) args[p.Name] = p.GetValue(extra);
        return args;
    }
}
