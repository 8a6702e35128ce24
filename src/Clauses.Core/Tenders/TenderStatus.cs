using Clauses.Core.Common;

namespace Clauses.Core.Tenders;

/// <summary>Life of a reserved tender: brouillon → publie → clos → attribue; annule from brouillon or publie.</summary>
public static class TenderStatus
{
    public const string Brouillon = "brouillon";
    public const string Publie = "publie";
    public const string Clos = "clos";
    public const string Attribue = "attribue";
    public const string Annule = "annule";

    public static Vocabulary<Term> Terms { get; } = new(
    [
        new(Brouillon, "Brouillon"), new(Publie, "Publié"), new(Clos, "Clos"), new(Attribue, "Attribué"), new(Annule, "Annulé"),
    ]);

    private static readonly Dictionary<string, string[]> Next = new()
    {
        [Brouillon] = [Publie, Annule],
        [Publie] = [Clos, Annule],
        [Clos] = [Attribue],
        [Attribue] = [],
        [Annule] = [],
    };

    public static bool CanMove(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The French reason a move is refused, e.g. "Un appel d'offres attribué ne peut plus être publié."</summary>
    public static string Refusal(string from, string to) =>
        $"Un appel d'offres « {Terms.Find(from)?.Label.ToLowerInvariant() ?? from} » ne peut pas passer à « {Terms.Find(to)?.Label.ToLowerInvariant() ?? to} ».";
}
