using System.Security.Cryptography;
using System.Text.Json;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Hours.Workbooks;
using Clauses.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Clauses.Api.Hours;

/// <summary>
/// POST /api/contracts/{id}/imports: a workbook of hours, applied all or nothing. By default it becomes
/// a job (202 + Location /api/jobs/{id}) processed by <see cref="ImportWorker"/>; ?mode=sync answers at once.
/// </summary>
public static class ImportsApi
{
    public const long MaxUploadBytes = 100_000_000;
    // A workbook this large (≈ 250 000 rows) leaves enough garbage to hand back to the system after its import.
    internal const long LargeFileBytes = 8_000_000;
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly WorkbookLimits Defaults = new();

    public static WorkbookLimits Limits(IConfiguration config) => new(MaxFileBytes: MaxUploadBytes,
        MaxRows: config.GetValue("Imports:MaxRows", Defaults.MaxRows), ChunkRows: config.GetValue("Imports:ChunkRows", Defaults.ChunkRows));

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        api.MapPost("/contracts/{contractId:guid}/imports", async (Guid contractId, string? mode, HttpRequest request, TenantDb tenant,
            CurrentUserAccessor current, ImportQueue queue, IConfiguration config, CancellationToken ct) =>
        {
            var type = request.ContentType?.Split(';')[0].Trim();
            if (type is not (XlsxContentType or "application/octet-stream"))
                return Problems.Result(415, "Envoyez le classeur tel quel (Content-Type: " + XlsxContentType + ").");
            var fileName = Uri.UnescapeDataString(request.Headers["X-File-Name"].FirstOrDefault() ?? "classeur.xlsx");
            if (fileName.Length is 0 or > 255) fileName = "classeur.xlsx";

            var user = current.Required;
            if (mode == "sync")
            {
                // Read straight from a temporary file, hashed on the way: the upload is not held in memory during the import
                // (32 MB for a million rows; the reader streams the sheet from the zip).
                await using var spool = await SpoolAsync(request.Body, ct);
                if (spool.File.Length == 0) return Problems.Result(400, "Le fichier envoyé est vide.", "fichier-vide");
                if (spool.File.Length >= LargeFileBytes)
                    request.HttpContext.Response.OnCompleted(() =>
                    {
                        Hosting.ReleaseMemory();    // once the answer is sent and the import's objects are garbage
                        return Task.CompletedTask;
                    });
                await using var db = await tenant.BeginAsync(ct);
                if (await HoursApi.FacilitatedContractAsync(db, contractId, user, ct) is null) return HoursApi.ContractNotFound();
                try
                {
                    var outcome = await HoursImport.RunAsync(db, contractId, spool.File, Limits(config), user.Id, spool.Hash, null, ct);
                    if (!outcome.Succeeded) return TypedResults.Problem(HoursImport.Problem(outcome));
                    await db.CommitAsync(ct);
                    return TypedResults.Ok(new ImportResult(outcome.Rows, outcome.Accepted, outcome.Replaced, outcome.Unchanged));
                }
                catch (WorkbookRejectedException e)
                {
                    return Problems.Result(e.Status, e.Message, "classeur-refuse");
                }
            }

            // A job: the upload is spooled to a temporary file (hashed on the way), then streamed into the job's row: the
            // workbook is never held in memory (32 MB for a million rows).
            await using var upload = await SpoolAsync(request.Body, ct);
            if (upload.File.Length == 0) return Problems.Result(400, "Le fichier envoyé est vide.", "fichier-vide");
            var size = upload.File.Length;

            await using (var db = await tenant.BeginAsync(ct))
            {
                if (await HoursApi.FacilitatedContractAsync(db, contractId, user, ct) is not { } organisationId) return HoursApi.ContractNotFound();
                var jobId = await db.ExecuteScalarAsync<Guid>("""
                    INSERT INTO jobs (organisation_id, kind, payload, created_by) VALUES (@organisationId, 'import_heures', @payload::jsonb, @userId)
                    RETURNING id
                    """, new { organisationId, payload = JsonSerializer.Serialize(new { contractId, fileName, size }), userId = user.Id }, ct);
                await using (var insert = new NpgsqlCommand("""
                    INSERT INTO import_files (job_id, organisation_id, contract_id, file_name, file_hash, content)
                    VALUES (@jobId, @organisationId, @contractId, @fileName, @hash, @content)
                    """, db.Connection, db.Transaction))
                {
                    insert.Parameters.Add(new NpgsqlParameter<Guid>("jobId", jobId));
                    insert.Parameters.Add(new NpgsqlParameter<Guid>("organisationId", organisationId));
                    insert.Parameters.Add(new NpgsqlParameter<Guid>("contractId", contractId));
                    insert.Parameters.Add(new NpgsqlParameter<string>("fileName", fileName));
                    insert.Parameters.Add(new NpgsqlParameter<string>("hash", upload.Hash));
                    insert.Parameters.Add(new NpgsqlParameter("content", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = upload.File });
                    await insert.ExecuteNonQueryAsync(ct);
                }
                await db.CommitAsync(ct);
                queue.Wake();
                return TypedResults.Accepted($"/api/jobs/{jobId}", new { jobId });
            }
        }).WithTags("Heures d'insertion").WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes));
        return api;
    }

    internal static async Task<SpooledUpload> SpoolAsync(Stream body, CancellationToken ct)
    {
        var file = SpooledUpload.NewFile();
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            await file.FlushAsync(ct);
            file.Position = 0;
            return new SpooledUpload(file, Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}

/// <summary>An upload copied to a temporary file (deleted on close) and its SHA-256, in lowercase hex.</summary>
internal sealed class SpooledUpload(FileStream file, string hash) : IAsyncDisposable
{
    public FileStream File { get; } = file;
    public string Hash { get; } = hash;
    public ValueTask DisposeAsync() => File.DisposeAsync();

    /// <summary>A temporary file, deleted when closed.</summary>
    public static FileStream NewFile() => new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}

public sealed record ImportResult(int Rows, int Accepted, int Replaced, int Unchanged);
