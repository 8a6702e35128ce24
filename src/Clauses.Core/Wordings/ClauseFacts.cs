namespace Clauses.Core.Wordings;

/// <summary>
/// The facts of a clause that a wording can show, in their stored form (database codes and numbers).
/// <para><paramref name="InsertionRate"/> is a fraction (0.05 = 5 %), as in <c>clauses.insertion_rate</c>;
/// <paramref name="AwardWeight"/> is a percentage (15 = 15 %), as in <c>clauses.award_weight</c>.</para>
/// <para><paramref name="SizingMode"/>: "heures_fixes" | "pourcentage_heures"; <paramref name="ReportingFrequency"/>:
/// "mensuelle" | "trimestrielle" | "semestrielle"; <paramref name="Preset"/>: "anru_npnru" | "anru_gup" |
/// "outre_mer_l2691_1"; <paramref name="EligibleCriteria"/> are <see cref="Eligibility.Criterion"/> codes and
/// <paramref name="AllowedModalities"/> are <see cref="Hours.Modality"/> codes.</para>
/// </summary>
public sealed record ClauseFacts(
    string BuyerName, string ContractReference, string ContractTitle, int LotNumber, string LotTitle,
    decimal? AmountHt, decimal? TargetHours, decimal? InsertionRate, string? SizingMode,
    IReadOnlyCollection<string> EligibleCriteria, IReadOnlyCollection<string> AllowedModalities,
    string? FacilitatorContact, decimal? PenaltyPerHour, decimal? PenaltyCap, string? ReportingFrequency,
    decimal? AwardWeight, string? Preset);
