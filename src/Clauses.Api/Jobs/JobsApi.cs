using System.Text.Json;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;

namespace Clauses.Api.Jobs;

public sealed record JobRow
{
    public Guid Id { get; init; }
    public Guid OrganisationId { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public int Progress { get; init; }
    public int? Total { get; init; }
    public string? Result { get; init; }
    public string? Error { get; init; }
    public Guid? CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public bool HasAnnotated { get; init; }
}

public sealed record JobResponse(Guid Id, string Kind, string Status, int Progress, int? Total, JsonElement? Result, JsonElement? Problem,
    string? AnnotatedWorkbook, DateTime CreatedAt, DateTime? FinishedAt);

/// <summary>Long work (workbook imports) the client polls: status, progress, result or the French problem.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/jobs").WithTags("Traitements");

        group.MapGet("/{id:guid}", async (Guid id, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var job = await GetAsync(db, id, ct);
            if (job is null || !Visible(job, current.Required)) return NotFound();
            return TypedResults.Ok(new JobResponse(job.Id, job.Kind, job.Status, job.Progress, job.Total,
                Parse(job.Result), Parse(job.Error), job.HasAnnotated ? $"/api/jobs/{id}/annotated.xlsx" : null, job.CreatedAt, job.FinishedAt));
        });

        group.MapGet("/{id:guid}/annotated.xlsx", async (Guid id, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var job = await GetAsync(db, id, ct);
            if (job is null || !Visible(job, current.Required)) return NotFound();
            var file = await db.QuerySingleOrDefaultAsync<(string FileName, byte[]? Annotated)>(
                "SELECT file_name, annotated FROM import_files WHERE job_id = @id", new { id }, ct);
            if (file.Annotated is null) return Problems.NotFound("Ce traitement n'a pas produit de classeur annoté.");
            return TypedResults.File(file.Annotated, Hours.ImportsApi.XlsxContentType,
                Path.GetFileNameWithoutExtension(file.FileName) + " - erreurs.xlsx");
        });

        return api;
    }

    private static Task<JobRow?> GetAsync(TenantSession db, Guid id, CancellationToken ct) => db.QuerySingleOrDefaultAsync<JobRow>("""
        SELECT j.id, j.organisation_id, j.kind, j.status, j.progress, j.total, j.result::text AS result, j.error, j.created_by, j.created_at,
               j.finished_at, (f.annotated IS NOT NULL) AS has_annotated
          FROM jobs j LEFT JOIN import_files f ON f.job_id = j.id
         WHERE j.id = @id
        """, new { id }, ct);

    // The author, and the organisation's facilitators, follow a job.
    private static bool Visible(JobRow job, CurrentUser user) => job.CreatedBy == user.Id || user.HasAnyRole(job.OrganisationId, Roles.Facilitateur);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static IResult NotFound() => Problems.NotFound("Aucun traitement accessible ne porte cet identifiant.");
}
