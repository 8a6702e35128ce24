using Clauses.Core.Common;

namespace Clauses.Core.Sizing;

/// <summary>What the buyer enters to size a clause on one lot (R1, R2). Rates and shares are fractions (0.05 = 5 %).</summary>
/// <param name="AmountHt">Estimated amount of the lot, € HT (A).</param>
/// <param name="LabourShare">Labour share m, in ]0, 1].</param>
/// <param name="LabourShareSource">A <see cref="Sizing.LabourShareSource"/> code.</param>
/// <param name="InsertionRate">Insertion rate r, in ]0, 1].</param>
/// <param name="HourlyCost">Loaded hourly cost c, €/h.</param>
/// <param name="SizingMode">A <see cref="Sizing.SizingMode"/> code.</param>
/// <param name="RoundingMode">A <see cref="Sizing.RoundingMode"/> code.</param>
/// <param name="Preset">A <see cref="SizingPreset"/> code, or null.</param>
/// <param name="AllowedModalities"><see cref="Hours.Modality"/> codes the clause allows.</param>
/// <param name="DeclaredTotalHours">For <see cref="Sizing.SizingMode.PourcentageHeures"/>: the contractor's declared total of hours worked (R2).</param>
public sealed record SizingInput(
    decimal? AmountHt,
    decimal? LabourShare,
    string LabourShareSource,
    decimal? InsertionRate,
    decimal? HourlyCost,
    string SizingMode,
    string RoundingMode,
    string? Preset,
    IReadOnlyCollection<string> AllowedModalities,
    decimal? DeclaredTotalHours = null);

/// <summary>A non-blocking remark on a sizing: a stable code (see <see cref="SizingWarningCode"/>) and a French message.</summary>
public sealed record SizingWarning(string Code, string Message);

/// <summary>The outcome of <see cref="Sizer.Compute"/>.</summary>
/// <param name="ExactHours">A × m × r ÷ c (or declared total × r), unrounded; null when inputs are missing or invalid,
/// or in % mode before the contractor declared its total.</param>
/// <param name="TargetHours"><paramref name="ExactHours"/> rounded per the rounding mode.</param>
/// <param name="Formula">The computation in French, e.g. "1 000 000,00 € × 50 % × 5 % ÷ 30,00 €/h = 833,33 h → 833 h".</param>
/// <param name="Warnings">Non-blocking remarks, in a stable order.</param>
/// <param name="Errors">Field-level French errors (camelCase fields).</param>
public sealed record SizingResult(
    decimal? ExactHours,
    decimal? TargetHours,
    string Formula,
    IReadOnlyList<SizingWarning> Warnings,
    ValidationErrors Errors);
