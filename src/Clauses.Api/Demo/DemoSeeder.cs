using Clauses.Api.Wordings;
using Clauses.Core.Clauses;
using Clauses.Core.Wordings;
using Npgsql;

namespace Clauses.Api.Demo;

/// <summary>A demo user, for the dev sign-in page and the README.</summary>
public sealed record DemoUser(string Email, string DisplayName, string ObjectId, string Summary);

/// <summary>
/// Loads believable French demo data on the first start: organisations, users, contracts with lots, analyses and
/// clauses, SIAE and reserved tenders, participants with 18 months of hours, exits and SPAR targets.
/// Deterministic: the same anchor month always gives the same data.
/// </summary>
public static class DemoSeeder
{
    /// <summary>The Entra ID tenant of the demo users (the dev sign-in issues tokens for it).</summary>
    public const string DevTenantId = "clauses-dev";

    // Serialises two instances starting at once on an empty database.
    private const long AdvisoryLockKey = 0x436C_6175_7365_7301;

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        .. DemoOrganisations.Users.Select(u => new DemoUser(u.Email, u.DisplayName, DemoOrganisations.ObjectId(u.Email), u.Summary)),
    ];

    /// <summary>Seeds only if the organisations table is empty; returns true if it seeded. One transaction, all or
    /// nothing. <paramref name="ownerConnectionString"/> connects as the schema owner, so row-level security does not apply.
    /// <paramref name="anchorMonth"/> is the first day of the current month; the 18 months of hours end the month before it.</summary>
    public static async Task<bool> SeedAsync(string ownerConnectionString, DateOnly anchorMonth, CancellationToken ct)
    {
        // Demo clauses point at the national wordings, which must be in the table first.
        await WordingsStore.SyncNationalAsync(ownerConnectionString, ct);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await using (var existsCommand = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM organisations)", connection, transaction))
        {
            if ((bool)(await existsCommand.ExecuteScalarAsync(ct))!)
            {
                return false;
            }
        }

        var data = DemoBuilder.Build(anchorMonth);
        await DemoWriter.WriteAsync(connection, data, ct);
        await AttachWordingsAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Each demo clause uses the latest national wording of its instrument, as a buyer's new clause would.</summary>
    private static async Task AttachWordingsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        foreach (var instrument in Instrument.Terms.Codes)
        {
            var wording = WordingLibrary.Latest(WordingLibrary.DefaultCodeFor(instrument));
            await using var command = new NpgsqlCommand("""
                UPDATE clauses SET wording_id = w.id, wording_code = w.code, wording_version = w.version
                  FROM wordings w
                 WHERE clauses.instrument = @instrument AND clauses.wording_id IS NULL
                   AND w.organisation_id IS NULL AND w.code = @code AND w.version = @version
                """, connection, transaction);
            command.Parameters.AddWithValue("instrument", instrument);
            command.Parameters.AddWithValue("code", wording.Code);
            command.Parameters.AddWithValue("version", wording.Version);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
