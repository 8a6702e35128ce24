using System.Text.Json;
using Clauses.Api.Data;

namespace Clauses.Api.Infrastructure;

/// <summary>
/// Append-only record of sensitive reads and writes (DESIGN: every read of a participant's identity).
/// One row per request and organisation; the participants concerned are listed in details so
/// "who saw this person" is one indexed query.
/// </summary>
public static class AuditLog
{
    public static Task WriteAsync(TenantSession db, Guid organisationId, Guid userId, string action, string entity,
        IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.CompletedTask : db.ExecuteAsync("""
            INSERT INTO audit_log (organisation_id, user_id, action, entity, entity_id, details)
            VALUES (@organisationId, @userId, @action, @entity, @entityId, @details::jsonb)
            """, new
            {
                organisationId, userId, action, entity,
                entityId = ids.Count == 1 ? ids.First().ToString() : null,
                details = JsonSerializer.Serialize(new { ids }),
            }, ct);
}
