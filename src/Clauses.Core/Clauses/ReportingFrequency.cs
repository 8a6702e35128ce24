using Clauses.Core.Common;

namespace Clauses.Core.Clauses;

/// <summary>How often the contractor reports the hours done (codes match clauses.reporting_frequency).</summary>
public static class ReportingFrequency
{
    public const string Mensuelle = "mensuelle";
    public const string Trimestrielle = "trimestrielle";
    public const string Semestrielle = "semestrielle";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Mensuelle, "Mensuelle"),
        new(Trimestrielle, "Trimestrielle"),
        new(Semestrielle, "Semestrielle"),
    ]);
}
