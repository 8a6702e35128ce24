using System.Text.RegularExpressions;
using Clauses.Core.Common;

namespace Clauses.Core.Contracts;

/// <summary>Validation of a lot, and of the lots against their contract.</summary>
public static partial class LotRules
{
    public const int MinNumber = 1;
    public const int MaxNumber = 999;
    public const int TitleMaxLength = 300;
    public const int TradeMaxLength = 60;

    public static ValidationErrors Validate(LotInput lot)
    {
        ArgumentNullException.ThrowIfNull(lot);
        var errors = new ValidationErrors();

        if (lot.Number is < MinNumber or > MaxNumber)
        {
            errors.Add("number", $"Le numéro de lot doit être compris entre {MinNumber} et {MaxNumber}.");
        }

        TextRules.Required(errors, "title", lot.Title, TitleMaxLength,
            "L'intitulé du lot est obligatoire.",
            $"L'intitulé du lot ne doit pas dépasser {TitleMaxLength} caractères.");

        if (lot.Trade is not null)
        {
            if (lot.Trade.Length > TradeMaxLength)
            {
                errors.Add("trade", $"Le code du corps d'état ne doit pas dépasser {TradeMaxLength} caractères.");
            }

            if (!TradeFormat().IsMatch(lot.Trade))
            {
                errors.Add("trade", "Le code du corps d'état ne peut contenir que des lettres minuscules sans accent, des chiffres et « _ ».");
            }
        }

        if (lot.CpvCode is not null && !CpvCode.IsValid(lot.CpvCode))
        {
            errors.Add("cpvCode", ContractRules.CpvMessage);
        }

        AmountRules.Check(errors, "amountHt", lot.AmountHt);
        return errors;
    }

    /// <summary>The lots' amounts may not add up to more than the contract's amount (equal is fine). Error field: "lots".</summary>
    public static ValidationErrors ValidateLotsFitContract(decimal contractAmount, IEnumerable<decimal> lotAmounts)
    {
        ArgumentNullException.ThrowIfNull(lotAmounts);
        var errors = new ValidationErrors();
        var total = lotAmounts.Sum();
        if (total > contractAmount)
        {
            errors.Add("lots",
                $"La somme des montants des lots ({Euros.Format(total)}) dépasse le montant du marché ({Euros.Format(contractAmount)}).");
        }

        return errors;
    }

    [GeneratedRegex(@"\A[a-z0-9_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex TradeFormat();
}
