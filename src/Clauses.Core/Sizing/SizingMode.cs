using Clauses.Core.Common;

namespace Clauses.Core.Sizing;

/// <summary>How a clause states its volume. Codes match the database CHECK constraint (clauses.sizing_mode).</summary>
// R2 (legal-rules §7): fixed number of hours, or a % of the hours worked recomputed from the contractor's declared total (udaim, MDE Alès).
public static class SizingMode
{
    public const string HeuresFixes = "heures_fixes";
    public const string PourcentageHeures = "pourcentage_heures";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(HeuresFixes, "Nombre d'heures fixé"),
        new(PourcentageHeures, "Pourcentage des heures travaillées"),
    ]);
}
