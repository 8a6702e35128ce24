using Clauses.Core.Common;

namespace Clauses.Core.Clauses;

/// <summary>An instrument of the social consideration, with its legal basis.</summary>
public sealed record InstrumentTerm(string Code, string Label, string LegalBasis) : ITerm;

/// <summary>Instruments a relevance analysis may choose (DOMAIN §2). Codes match the database CHECK constraint.</summary>
public static class Instrument
{
    public const string ClauseExecution = "clause_execution";
    public const string CritereAttribution = "critere_attribution";
    public const string ReserveL2113_12 = "reserve_l2113_12";
    public const string ReserveL2113_13 = "reserve_l2113_13";
    public const string ReserveL2113_13_1 = "reserve_l2113_13_1";
    public const string ReserveL2113_15 = "reserve_l2113_15";
    public const string MarcheInsertion = "marche_insertion";
    public const string ClauseAlternative = "clause_alternative";

    // Legal bases: Code de la commande publique articles, and seed 004 fiche 31 for the alternative clause.
    public static Vocabulary<InstrumentTerm> Terms { get; } = new Vocabulary<InstrumentTerm>(
    [
        new(ClauseExecution, "Clause d'exécution (heures d'insertion)", "L2112-2"),
        new(CritereAttribution, "Critère d'attribution relatif à l'insertion", "L2152-7 / R2152-7"),
        new(ReserveL2113_12, "Marché réservé aux entreprises adaptées et ESAT", "L2113-12"),
        new(ReserveL2113_13, "Marché réservé aux structures d'insertion (SIAE)", "L2113-13 / R2113-7"),
        new(ReserveL2113_13_1, "Marché réservé au travail pénitentiaire", "L2113-13-1"),
        new(ReserveL2113_15, "Marché de services sociaux réservé aux entreprises de l'ESS", "L2113-15"),
        new(MarcheInsertion, "Marché d'insertion et de qualification professionnelle", "R2123-1 3°"),
        new(ClauseAlternative, "Clause alternative (immersion, découverte des métiers, formation)", "pratique (fiche 31)"),
    ]);
}
