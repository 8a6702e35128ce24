using Clauses.Core.Common;

namespace Clauses.Core.Eligibility;

/// <summary>On what the facilitator validated a participant's eligibility. Codes match eligibility_validations.basis.</summary>
// R16 (legal-rules §7): the basis is a criterion of the clause's list or the "avis motivé" of a named prescriber (CIE84).
public static class ValidationBasis
{
    public const string Critere = "critere";
    public const string AvisPrescripteur = "avis_prescripteur";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Critere, "Critère de la liste de la clause"),
        new(AvisPrescripteur, "Avis motivé d'un prescripteur"),
    ]);
}
