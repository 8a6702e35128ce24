using Clauses.Core.Common;

namespace Clauses.Core.Relevance;

/// <summary>Recorded reasons for not including a social/employment execution condition where the Loi Climat requires one.</summary>
// R12 (legal-rules §1.6): exceptions of Loi Climat art. 35 (new L2112-2-1), wording from memory [UNCERTAIN — verify L2112-2-1
// on Légifrance]. This is the default list; an organisation's own list can be passed to RelevanceRules.Validate (configurable).
public static class LoiClimatException
{
    public const string SolutionImmediatementDisponible = "solution_immediatement_disponible";
    public const string LienInsuffisantObjet = "lien_insuffisant_objet";
    public const string RestrictionConcurrence = "restriction_concurrence";
    public const string DifficulteExecution = "difficulte_execution";
    public const string DefenseSecurite = "defense_securite";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(SolutionImmediatementDisponible, "Besoin satisfait par une solution immédiatement disponible"),
        new(LienInsuffisantObjet, "Lien insuffisant avec l'objet du marché"),
        new(RestrictionConcurrence, "Risque de restriction de la concurrence"),
        new(DifficulteExecution, "Difficulté technique ou économique d'exécution"),
        new(DefenseSecurite, "Marché de défense ou de sécurité"),
    ]);
}
