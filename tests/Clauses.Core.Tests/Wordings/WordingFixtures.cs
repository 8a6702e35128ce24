using Clauses.Core.Wordings;

namespace Clauses.Core.Tests.Wordings;

/// <summary>The worked example of DOMAIN §3: 1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833 h, lot 3 peinture.</summary>
internal static class WordingFixtures
{
    public const string Nbsp = "\u00A0";
    public const string Nnbsp = "\u202F";

    public static ClauseFacts Full { get; } = new(
        BuyerName: "Ville de Montreuil",
        ContractReference: "2025-T-014",
        ContractTitle: "Réhabilitation du groupe scolaire Jules-Ferry",
        LotNumber: 3,
        LotTitle: "Peinture",
        AmountHt: 1_000_000m,
        TargetHours: 833m,
        InsertionRate: 0.05m,
        SizingMode: "heures_fixes",
        EligibleCriteria: ["rsa", "deld", "rqth"],
        AllowedModalities: ["embauche_directe", "interim_etti", "formation"],
        FacilitatorContact: "Maison de l'emploi Est Ensemble – clauses@mde.example",
        PenaltyPerHour: 45m,
        PenaltyCap: 15_000m,
        ReportingFrequency: "mensuelle",
        AwardWeight: 15m,
        Preset: null);

    public static RenderedWording Render(string code, ClauseFacts facts, int? version = null) =>
        WordingTemplate.Render(
            version is { } v ? WordingLibrary.Find(code, v)! : WordingLibrary.Latest(code),
            ClauseValues.From(facts));

    public static Wording Template(string body) => new("essai", "clause_execution", 1, "Essai", "Article L. 2112-2", body);

    public static IReadOnlyDictionary<string, string?> Values(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
