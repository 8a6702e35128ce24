using Clauses.Core.Clauses;
using Clauses.Core.Common;
using Clauses.Core.Eligibility;
using Clauses.Core.Hours;
using Clauses.Core.Relevance;
using Clauses.Core.Sizing;

namespace Clauses.Api.Reference;

public sealed record CodeLabel(string Code, string Label);
public sealed record InstrumentInfo(string Code, string Label, string LegalBasis, string Explanation);
public sealed record PresetInfo(string Code, string Label, decimal MinRate, string? RequiredPublic, string Explanation);

public sealed record ReferenceResponse(
    IReadOnlyList<InstrumentInfo> Instruments, IReadOnlyList<CodeLabel> RelevanceReasons, IReadOnlyList<CodeLabel> LoiClimatExceptions,
    IReadOnlyList<CodeLabel> Modalities, IReadOnlyList<CodeLabel> Criteria, IReadOnlyList<PresetInfo> Presets,
    IReadOnlyList<CodeLabel> SizingModes, IReadOnlyList<CodeLabel> RoundingModes, IReadOnlyList<CodeLabel> ReportingFrequencies);

/// <summary>GET /api/reference: the vocabularies the panes show, with French labels, from Clauses.Core.</summary>
public static class ReferenceApi
{
    private static readonly ReferenceResponse Reference = new(
        InstrumentGuide.All.Select(i => new InstrumentInfo(i.Code, i.Label, i.LegalBasis, i.Explanation)).ToList(),
        Codes(RelevanceReason.Terms), Codes(LoiClimatException.Terms), Codes(Modality.Terms), Codes(Criterion.Terms),
        SizingPreset.Terms.All.Select(p => new PresetInfo(p.Code, p.Label, p.MinRate, p.RequiredPublic, p.Explanation)).ToList(),
        Codes(SizingMode.Terms), Codes(RoundingMode.Terms), Codes(ReportingFrequency.Terms));

    private static List<CodeLabel> Codes<T>(Vocabulary<T> vocabulary) where T : ITerm =>
        vocabulary.All.Select(t => new CodeLabel(t.Code, t.Label)).ToList();

    public static RouteGroupBuilder MapReference(this RouteGroupBuilder api)
    {
        api.MapGet("/reference", () => TypedResults.Ok(Reference)).WithTags("Référentiels");
        return api;
    }
}
