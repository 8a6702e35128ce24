using Clauses.Core.Common;

namespace Clauses.Core.Contracts;

/// <summary>Legal form of a contract. Codes match the database CHECK constraint.</summary>
public static class ContractKind
{
    public const string Marche = "marche";
    public const string AccordCadre = "accord_cadre";
    public const string Concession = "concession";
    public const string Subvention = "subvention";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Marche, "Marché"),
        new(AccordCadre, "Accord-cadre"),
        new(Concession, "Concession / DSP"),
        new(Subvention, "Subvention conditionnée"),
    ]);
}
