namespace Clauses.Core.Eligibility;

/// <summary>Age in whole calendar years.</summary>
public static class Age
{
    /// <summary>Completed years at <paramref name="date"/>: one more on each birthday (26 on the 26th birthday).
    /// A 29 February birthday falls on 1 March in non-leap years (28 February is still the day before).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is before <paramref name="birthDate"/>.</exception>
    // R17 (legal-rules §7): calendar arithmetic, as les-emplois iae.py (senior: birthdate ≤ date − 50 y; young: birthdate > date − 26 y).
    public static int At(DateOnly birthDate, DateOnly date)
    {
        if (date < birthDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "The date is before the birth date.");
        }

        var age = date.Year - birthDate.Year;
        if (date.Month < birthDate.Month || (date.Month == birthDate.Month && date.Day < birthDate.Day))
        {
            age--;
        }

        return age;
    }
}
