using System.Text.RegularExpressions;
using Clauses.Core.Common;

namespace Clauses.Core.Contracts;

/// <summary>Validation of a contract's own fields (lots are checked by <see cref="LotRules"/>).</summary>
public static partial class ContractRules
{
    public const int ReferenceMaxLength = 50;
    public const int TitleMaxLength = 300;

    public static ValidationErrors Validate(ContractInput c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new ValidationErrors();

        if (TextRules.Required(errors, "reference", c.Reference, ReferenceMaxLength,
                "La référence est obligatoire.",
                $"La référence ne doit pas dépasser {ReferenceMaxLength} caractères.")
            && !ReferenceFormat().IsMatch(c.Reference))
        {
            errors.Add("reference", "La référence ne peut contenir que des lettres, des chiffres, des espaces et les caractères - _ / .");
        }

        TextRules.Required(errors, "title", c.Title, TitleMaxLength,
            "L'objet du marché est obligatoire.",
            $"L'objet du marché ne doit pas dépasser {TitleMaxLength} caractères.");

        TextRules.KnownCode(errors, "kind", c.Kind, ContractKind.Terms, "le type de contrat");
        TextRules.KnownCode(errors, "category", c.Category, PurchaseCategory.Terms, "la catégorie d'achat");
        TextRules.KnownCode(errors, "status", c.Status, ContractStatus.Terms, "le statut");

        if (c.CpvCode is not null && !CpvCode.IsValid(c.CpvCode))
        {
            errors.Add("cpvCode", CpvMessage);
        }

        AmountRules.Check(errors, "amountHt", c.AmountHt);

        if (c.StartsOn is { } starts && c.EndsOn is { } ends && ends < starts)
        {
            errors.Add("endsOn", "La date de fin doit être postérieure ou égale à la date de début.");
        }

        if (c.NotifiedOn is { } notified && c.StartsOn is { } start && notified > start)
        {
            errors.Add("notifiedOn", "La date de notification doit être antérieure ou égale à la date de début.");
        }

        return errors;
    }

    internal const string CpvMessage = "Le code CPV doit être au format 00000000-0 (8 chiffres, un tiret, 1 chiffre) et appartenir à une division CPV 2008.";

    [GeneratedRegex(@"\A[\p{L}0-9\-_/. ]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceFormat();
}
