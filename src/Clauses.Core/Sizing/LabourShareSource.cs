using Clauses.Core.Common;

namespace Clauses.Core.Sizing;

/// <summary>Where a lot's labour share comes from. Codes match the database CHECK constraint (clauses.labour_share_source).</summary>
// R3 (legal-rules §7): sourced table values vs unvalidated defaults that the UI must flag; organisations may override.
public static class LabourShareSource
{
    public const string TableSourcee = "table_sourcee";
    public const string TableAValider = "table_a_valider";
    public const string Organisation = "organisation";
    public const string Saisie = "saisie";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(TableSourcee, "Table de référence (valeur sourcée)"),
        new(TableAValider, "Table de référence (valeur par défaut à valider)"),
        new(Organisation, "Valeur propre à l'organisation"),
        new(Saisie, "Saisie par l'acheteur"),
    ]);
}
