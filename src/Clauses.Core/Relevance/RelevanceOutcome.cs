using Clauses.Core.Common;

namespace Clauses.Core.Relevance;

/// <summary>Outcome of a lot's relevance analysis. Codes match the database CHECK constraint (relevance_analyses.outcome).</summary>
// DOMAIN §2 (seed 004, fiche 31): every contract is analysed; the outcome is instruments, or "not relevant" with a reason.
public static class RelevanceOutcome
{
    public const string Pertinent = "pertinent";
    public const string NonPertinent = "non_pertinent";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Pertinent, "Considération sociale pertinente"),
        new(NonPertinent, "Pas de considération sociale pertinente"),
    ]);
}
