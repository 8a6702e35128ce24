using Clauses.Core.Sizing;

namespace Clauses.Api.Sizing;

/// <summary>Body of POST /api/sizing/preview (rates and shares as fractions: 5 % is 0.05).</summary>
public sealed record SizingRequest(
    decimal? AmountHt, decimal? LabourShare, string? LabourShareSource, decimal? InsertionRate, decimal? HourlyCost,
    string? SizingMode, string? RoundingMode, string? Preset, string[]? AllowedModalities, decimal? DeclaredTotalHours = null)
{
    public SizingInput ToInput() => new(
        AmountHt, LabourShare, LabourShareSource ?? Core.Sizing.LabourShareSource.Saisie, InsertionRate, HourlyCost,
        SizingMode ?? Core.Sizing.SizingMode.HeuresFixes, RoundingMode ?? Core.Sizing.RoundingMode.DemiSuperieur,
        string.IsNullOrWhiteSpace(Preset) ? null : Preset, AllowedModalities ?? [], DeclaredTotalHours);
}

public sealed record SizingResponse(
    decimal? ExactHours, decimal? TargetHours, string Formula, IReadOnlyList<SizingWarning> Warnings, IDictionary<string, string[]> Errors)
{
    public static SizingResponse From(SizingResult r) => new(r.ExactHours, r.TargetHours, r.Formula, r.Warnings, r.Errors.ToDictionary());
}

public static class SizingApi
{
    /// <summary>
    /// Stateless and fast: the Word pane calls it as the buyer types. Incomplete input is not an error
    /// here — the answer says what is missing — so the form can show it field by field.
    /// </summary>
    public static RouteGroupBuilder MapSizing(this RouteGroupBuilder api)
    {
        api.MapPost("/sizing/preview", (SizingRequest request) => TypedResults.Ok(SizingResponse.From(Sizer.Compute(request.ToInput()))))
            .WithTags("Dimensionnement");
        return api;
    }
}
