using Clauses.Core.Common;

namespace Clauses.Core.Contracts;

/// <summary>Life-cycle status of a contract. Codes match the database CHECK constraint.</summary>
public static class ContractStatus
{
    public const string EnPreparation = "en_preparation";
    public const string EnConsultation = "en_consultation";
    public const string Attribue = "attribue";
    public const string EnExecution = "en_execution";
    public const string Termine = "termine";
    public const string Abandonne = "abandonne";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(EnPreparation, "En préparation"),
        new(EnConsultation, "En consultation"),
        new(Attribue, "Attribué"),
        new(EnExecution, "En exécution"),
        new(Termine, "Terminé"),
        new(Abandonne, "Abandonné"),
    ]);
}
