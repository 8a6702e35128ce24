using Clauses.Core.Common;
using Clauses.Core.Eligibility;

namespace Clauses.Core.Hours;

/// <summary>Exit (sortie) of a participant: follow-up date, validation and the durable-employment indicator.</summary>
public static class ExitRules
{
    /// <summary>Months between the exit and the follow-up.</summary>
    public const int FollowUpMonths = 6;

    /// <summary>The exit date plus 6 calendar months; a day missing in the target month gives its last day (31 August → 28 or 29 February).</summary>
    // DOMAIN §5: follow-up at 6 months after exit.
    public static DateOnly FollowUpDue(DateOnly exitedOn) => exitedOn.AddMonths(FollowUpMonths);

    /// <summary>Errors of an exit (fields outcome, exitedOn): a known outcome and a date not in the future.</summary>
    // DOMAIN §5: an exit has a date and an outcome from the closed list (ExitOutcome).
    public static ValidationErrors Validate(string? outcome, DateOnly? exitedOn, DateOnly today)
    {
        var errors = new ValidationErrors();
        TextRules.KnownCode(errors, "outcome", outcome, ExitOutcome.Terms, "la situation à la sortie");
        if (exitedOn is not { } on)
        {
            errors.Add("exitedOn", "La date de sortie est obligatoire.");
        }
        else if (on > today)
        {
            errors.Add("exitedOn", $"La date de sortie ({FrenchDates.Format(on)}) ne peut pas être dans le futur.");
        }

        return errors;
    }

    /// <summary>Share of exits to durable employment (CDI or CDD of 6 months or more), rounded to 4 decimals; 0 without exits.
    /// Every item counts as an exit, unknown codes included (81 durable of 250 → 0.3240).</summary>
    // R27 (legal-rules §7) / DOMAIN §5: "emploi durable" = CDI or CDD ≥ 6 months (PLIE-style default).
    public static decimal DurableEmploymentRate(IEnumerable<string> outcomes) =>
        Rate(outcomes, ExitOutcome.IsDurableEmployment);

    /// <summary>Same as <see cref="DurableEmploymentRate(IEnumerable{string})"/> with an organisation's own definition of durable outcomes.</summary>
    // R27 (legal-rules §7): the definition of exits to employment is configurable.
    public static decimal DurableEmploymentRate(IEnumerable<string> outcomes, IReadOnlyCollection<string> durableOutcomes)
    {
        ArgumentNullException.ThrowIfNull(durableOutcomes);
        return Rate(outcomes, o => o is not null && durableOutcomes.Contains(o, StringComparer.Ordinal));
    }

    private static decimal Rate(IEnumerable<string> outcomes, Func<string?, bool> isDurable)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var exits = 0;
        var durable = 0;
        foreach (var outcome in outcomes)
        {
            exits++;
            if (isDurable(outcome))
            {
                durable++;
            }
        }

        return exits == 0 ? 0m : decimal.Round((decimal)durable / exits, 4, MidpointRounding.AwayFromZero);
    }
}
