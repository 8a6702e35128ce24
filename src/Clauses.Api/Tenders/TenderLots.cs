using Clauses.Api.Data;

namespace Clauses.Api.Tenders;

/// <summary>What a tender copies from its lot: the buyer, the contract, and the reservation retained by the lot's relevance analysis.</summary>
public static class TenderLots
{
    public sealed record Lot
    {
        public Guid Id { get; init; }
        public Guid OrganisationId { get; init; }
        public Guid ContractId { get; init; }
        public required string ContractReference { get; init; }
        public required string BuyerName { get; init; }
        public int Number { get; init; }
        public decimal AmountHt { get; init; }
        public string? Reservation { get; init; }
    }

    public static Task<Lot?> GetAsync(TenantSession db, Guid lotId, CancellationToken ct) => db.QuerySingleOrDefaultAsync<Lot>("""
        SELECT l.id, l.organisation_id, l.contract_id, c.reference AS contract_reference, o.name AS buyer_name, l.number, l.amount_ht,
               (SELECT i FROM relevance_analyses r, unnest(r.instruments) i WHERE r.lot_id = l.id AND i LIKE 'reserve_%' LIMIT 1) AS reservation
          FROM lots l JOIN contracts c ON c.id = l.contract_id JOIN organisations o ON o.id = l.organisation_id
         WHERE l.id = @lotId
        """, new { lotId }, ct);

    public static async Task<IReadOnlyCollection<string>> InstrumentsAsync(TenantSession db, Guid? lotId, CancellationToken ct) =>
        lotId is null ? [] : (await db.ExecuteScalarAsync<string[]?>(
            "SELECT instruments FROM relevance_analyses WHERE lot_id = @lotId", new { lotId }, ct)) ?? [];
}
