using System.Text.Json;
using System.Text.RegularExpressions;
using Clauses.Api.Data;
using Clauses.Api.Integrations.Graph;
using Dapper;
using Npgsql;

namespace Clauses.Api.Outbox;

/// <summary>One row of the buyer's status view: never the address itself, only its domain.</summary>
public sealed record OutboxItem(long Id, string Kind, string RecipientDomain, string Subject, string Status, int Attempts,
    string? LastError, DateTime CreatedAt, DateTime AvailableAt, DateTime? SentAt);

/// <summary>
/// The mail outbox: a message is written in the same transaction as the change that causes it (e.g. a
/// tender's publication), then the OutboxWorker sends it. The dedup key is unique across the table, so
/// enqueuing the same message twice (a retried publication) never mails twice.
/// </summary>
public static partial class OutboxStore
{
    public static readonly string[] Statuses = ["en_attente", "envoye", "echoue"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>
    /// Queues <paramref name="mail"/> inside the caller's transaction (RLS: the organisation must be one of the caller's),
    /// stored as JSON {"to","subject","htmlBody","textBody"} (the worker also reads the PascalCase form System.Text.Json
    /// writes by default, as Tenders/TenderAlerts does). Returns false when a row with this dedup key already exists (nothing is changed then).
    /// After committing, call OutboxSignal.Wake() so this instance's worker sends it at once.
    /// </summary>
    public static Task<bool> EnqueueAsync(TenantSession db, Guid organisationId, string kind, string dedupKey, OutgoingMail mail,
        CancellationToken ct, DateTimeOffset? notBefore = null) =>
        EnqueueAsync(db.Connection, db.Transaction, organisationId, kind, dedupKey, mail, ct, notBefore);

    /// <summary>The same on a plain connection (system work, tests); <paramref name="transaction"/> may be null.</summary>
    public static async Task<bool> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid organisationId, string kind,
        string dedupKey, OutgoingMail mail, CancellationToken ct, DateTimeOffset? notBefore = null)
    {
        if (!KindPattern().IsMatch(kind)) throw new ArgumentException("kind must match ^[a-z_]{1,60}$.", nameof(kind));
        if (string.IsNullOrWhiteSpace(dedupKey) || dedupKey.Length > 300) throw new ArgumentException("dedupKey must be 1 to 300 characters.", nameof(dedupKey));
        if (string.IsNullOrWhiteSpace(mail.To) || OutgoingMail.DomainOf(mail.To).Length == 0)
            throw new ArgumentException("The recipient is not an e-mail address.", nameof(mail));
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outbox (organisation_id, kind, dedup_key, payload, available_at)
            VALUES (@organisationId, @kind, @dedupKey, @payload::jsonb, coalesce(@notBefore, now()))
            ON CONFLICT (dedup_key) DO NOTHING
            """, new { organisationId, kind, dedupKey, payload = JsonSerializer.Serialize(mail, Json), notBefore }, transaction, cancellationToken: ct));
        return inserted == 1;
    }

    /// <summary>An organisation's mails, newest first, optionally of one status (RLS limits rows to the caller's organisations).</summary>
    public static async Task<(IReadOnlyList<OutboxItem> Items, long Total)> ListAsync(TenantSession db, Guid organisationId, string? status,
        int limit, int offset, CancellationToken ct)
    {
        var args = new { organisationId, status, limit, offset };
        var total = await db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox WHERE organisation_id = @organisationId AND (@status::text IS NULL OR status = @status)", args, ct);
        var items = await db.QueryAsync<OutboxItem>("""
            SELECT id AS Id, kind AS Kind, lower(split_part(coalesce(payload ->> 'to', payload ->> 'To'), '@', 2)) AS RecipientDomain,
                   coalesce(payload ->> 'subject', payload ->> 'Subject', '') AS Subject, status AS Status, attempts AS Attempts, last_error AS LastError,
                   created_at AS CreatedAt, available_at AS AvailableAt, sent_at AS SentAt
              FROM outbox
             WHERE organisation_id = @organisationId AND (@status::text IS NULL OR status = @status)
             ORDER BY created_at DESC, id DESC
             LIMIT @limit OFFSET @offset
            """, args, ct);
        return (items.ToList(), total);
    }

    [GeneratedRegex("^[a-z_]{1,60}$")]
    private static partial Regex KindPattern();
}
