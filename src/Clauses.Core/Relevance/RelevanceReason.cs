using Clauses.Core.Common;

namespace Clauses.Core.Relevance;

/// <summary>Why a lot carries no social consideration. Codes match the database CHECK constraint (relevance_analyses.reason).</summary>
// DOMAIN §2 (seed 004, fiche 31): "not relevant" is always recorded with a reason.
public static class RelevanceReason
{
    public const string MontantFaible = "montant_faible";
    public const string DureeCourte = "duree_courte";
    public const string MainOeuvreFaible = "main_oeuvre_faible";
    public const string PrestationSpecialisee = "prestation_specialisee";
    public const string Urgence = "urgence";
    public const string AbsenceOffreInsertion = "absence_offre_insertion";
    public const string Autre = "autre";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(MontantFaible, "Montant trop faible"),
        new(DureeCourte, "Durée d'exécution trop courte"),
        new(MainOeuvreFaible, "Part de main-d'œuvre trop faible"),
        new(PrestationSpecialisee, "Prestation trop spécialisée"),
        new(Urgence, "Urgence"),
        new(AbsenceOffreInsertion, "Absence d'offre d'insertion sur le territoire"),
        new(Autre, "Autre motif (à préciser en commentaire)"),
    ]);
}
