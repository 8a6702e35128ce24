using Clauses.Api.Data;

namespace Clauses.Api.Tenders;

public static class TendersStore
{
    public const string Select = """
        SELECT t.id, t.organisation_id, t.buyer_name, t.contract_id, t.contract_reference, t.lot_id, t.lot_number, t.title, t.summary,
               t.description, t.reservation, t.sectors, t.departements, t.amount_ht, t.deadline_at, t.documents_url, t.status,
               t.published_at, t.closed_at, t.awarded_siae_id, s.name AS awarded_siae_name, t.awarded_at,
               (SELECT count(*)::int FROM tender_interests i WHERE i.tender_id = t.id AND i.interested) AS interested_count,
               t.updated_at, t.version
          FROM tenders t LEFT JOIN siae s ON s.id = t.awarded_siae_id
        """;

    public static Task<TenderResponse?> GetAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<TenderResponse>($"{Select} WHERE t.id = @id", new { id }, ct);

    public static async Task<IReadOnlyList<TenderResponse>> ForOrganisationsAsync(TenantSession db, Guid[] organisationIds, string? status, CancellationToken ct) =>
        (await db.QueryAsync<TenderResponse>($"""
            {Select} WHERE t.organisation_id = ANY (@organisationIds) AND (@status::text IS NULL OR t.status = @status)
             ORDER BY t.updated_at DESC
            """, new { organisationIds, status }, ct)).ToList();

    /// <summary>Open reserved tenders of every buyer (published notices are public).</summary>
    public static async Task<IReadOnlyList<TenderResponse>> OpenAsync(TenantSession db, CancellationToken ct) =>
        (await db.QueryAsync<TenderResponse>($"{Select} WHERE t.status = 'publie' AND t.deadline_at > now() ORDER BY t.deadline_at", null, ct)).ToList();

    public sealed record SiaeAccount
    {
        public Guid Id { get; init; }
        public required string Name { get; init; }
        public required string Kind { get; init; }
        public string[] Sectors { get; init; } = [];
        public string[] Departements { get; init; } = [];
    }

    /// <summary>The SIAE a signed-in SIAE user acts for (its account organisation is one of theirs).</summary>
    public static Task<SiaeAccount?> AccountAsync(TenantSession db, Guid[] organisationIds, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<SiaeAccount>("""
            SELECT id, name, kind, sectors, departements FROM siae WHERE account_organisation_id = ANY (@organisationIds) ORDER BY name LIMIT 1
            """, new { organisationIds }, ct);

    public static async Task<Dictionary<Guid, bool>> AnswersAsync(TenantSession db, Guid siaeId, CancellationToken ct) =>
        (await db.QueryAsync<(Guid TenderId, bool Interested)>(
            "SELECT tender_id, interested FROM tender_interests WHERE siae_id = @siaeId", new { siaeId }, ct))
        .ToDictionary(a => a.TenderId, a => a.Interested);

    /// <summary>The SIAE that answered the given tenders, interested ones first.</summary>
    public static async Task<IReadOnlyList<InterestResponse>> InterestsAsync(TenantSession db, Guid[] tenderIds, CancellationToken ct) =>
        (await db.QueryAsync<InterestResponse>("""
            SELECT i.tender_id, s.id AS siae_id, s.name AS siae_name, s.kind, s.city, s.contact_email, s.contact_phone, i.interested,
                   i.message, i.updated_at
              FROM tender_interests i JOIN siae s ON s.id = i.siae_id
             WHERE i.tender_id = ANY (@tenderIds) ORDER BY i.interested DESC, i.updated_at DESC
            """, new { tenderIds }, ct)).ToList();

    public sealed record SiaeRecipient
    {
        public Guid Id { get; init; }
        public required string Name { get; init; }
        public required string Kind { get; init; }
        public string[] Sectors { get; init; } = [];
        public string[] Departements { get; init; } = [];
        public string? ContactEmail { get; init; }
    }

    /// <summary>SIAE of the kinds the reservation admits, with an e-mail address (matching is refined in Core).</summary>
    public static async Task<IReadOnlyList<SiaeRecipient>> CandidatesAsync(TenantSession db, string[] kinds, CancellationToken ct) =>
        (await db.QueryAsync<SiaeRecipient>("""
            SELECT id, name, kind, sectors, departements, contact_email FROM siae
             WHERE kind = ANY (@kinds) AND contact_email IS NOT NULL
            """, new { kinds }, ct)).ToList();
}
