using Clauses.Core.Common;

namespace Clauses.Core.Spar;

/// <summary>Unit of a SPAR target value. Codes match the spar_targets.unit CHECK constraint (migration 0007).</summary>
public static class IndicatorUnit
{
    public const string Heures = "heures";
    public const string Pourcentage = "pourcentage";
    public const string Nombre = "nombre";
    public const string Euros = "euros";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Heures, "Heures"),
        new(Pourcentage, "Pourcentage"),
        new(Nombre, "Nombre"),
        new(Euros, "Euros HT"),
    ]);
}
