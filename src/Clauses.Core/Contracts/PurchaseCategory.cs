using Clauses.Core.Common;

namespace Clauses.Core.Contracts;

/// <summary>Category of purchase; it selects the EU threshold that applies. Codes match the database.</summary>
// Code de la commande publique L1111-2 to L1111-4: marchés de travaux, de fournitures, de services.
public static class PurchaseCategory
{
    public const string Travaux = "travaux";
    public const string Services = "services";
    public const string Fournitures = "fournitures";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Travaux, "Travaux"),
        new(Services, "Services"),
        new(Fournitures, "Fournitures"),
    ]);
}
