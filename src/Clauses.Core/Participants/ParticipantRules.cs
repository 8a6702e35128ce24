using System.Text.RegularExpressions;
using Clauses.Core.Common;

namespace Clauses.Core.Participants;

/// <summary>A participant as a facilitator enters them: identity (kept apart, GDPR) and the few attributes indicators use.</summary>
public sealed record ParticipantInput(
    string? LastName, string? FirstName, DateOnly? BirthDate, string? Email, string? Phone, string? Address,
    string? Postcode, string? City, string? FranceTravailId, string? Sex, string? Departement, bool? QpvResident, string? EducationLevel);

public static partial class ParticipantRules
{
    /// <summary>F, M, or X when the person does not say (the % of women indicator counts only F).</summary>
    public static Vocabulary<Term> Sexes { get; } = new([new("F", "Femme"), new("M", "Homme"), new("X", "Non renseigné")]);

    /// <summary>Diploma levels of the national nomenclature (2019): infra 3 = no diploma, 3 = CAP/BEP, 4 = bac, 5 = bac+2, 6+ = licence and above.</summary>
    public static Vocabulary<Term> EducationLevels { get; } = new(
    [
        new("infra_3", "Sans diplôme (infra 3)"), new("3", "CAP, BEP (niveau 3)"), new("4", "Baccalauréat (niveau 4)"),
        new("5", "Bac + 2 (niveau 5)"), new("6_plus", "Licence et au-delà (niveau 6 et plus)"),
    ]);

    public static ValidationErrors Validate(ParticipantInput p, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(p);
        var errors = new ValidationErrors();
        TextRules.Required(errors, "lastName", p.LastName, 100, "Le nom est obligatoire.", "Le nom ne doit pas dépasser 100 caractères.");
        TextRules.Required(errors, "firstName", p.FirstName, 100, "Le prénom est obligatoire.", "Le prénom ne doit pas dépasser 100 caractères.");
        if (p.BirthDate is not { } birth)
            errors.Add("birthDate", "La date de naissance est obligatoire (elle sert aux critères d'âge).");
        else if (birth > today.AddYears(-14) || birth < today.AddYears(-100))
            errors.Add("birthDate", "La date de naissance doit correspondre à un âge entre 14 et 100 ans.");
        if (p.Email is { Length: > 0 } email && (email.Length > 254 || !EmailFormat().IsMatch(email)))
            errors.Add("email", "L'adresse électronique n'est pas valide.");
        if (p.Phone is { Length: > 0 } phone && !PhoneFormat().IsMatch(phone))
            errors.Add("phone", "Le numéro de téléphone n'est pas valide (chiffres, espaces, points, tirets, + en tête).");
        if (p.Address is { Length: > 300 })
            errors.Add("address", "L'adresse ne doit pas dépasser 300 caractères.");
        if (p.Postcode is { Length: > 0 } postcode && !PostcodeFormat().IsMatch(postcode))
            errors.Add("postcode", "Le code postal doit compter 5 chiffres.");
        if (p.City is { Length: > 100 })
            errors.Add("city", "La commune ne doit pas dépasser 100 caractères.");
        if (p.FranceTravailId is { Length: > 20 })
            errors.Add("franceTravailId", "L'identifiant France Travail ne doit pas dépasser 20 caractères.");
        if (p.Sex is not null && !Sexes.IsKnown(p.Sex))
            errors.Add("sex", $"Valeur inconnue ; valeurs admises : {Sexes.CodesText}.");
        if (p.Departement is not null && !Departement.IsValid(p.Departement))
            errors.Add("departement", "Ce code de département n'existe pas.");
        if (p.EducationLevel is not null && !EducationLevels.IsKnown(p.EducationLevel))
            errors.Add("educationLevel", $"Niveau inconnu ; valeurs admises : {EducationLevels.CodesText}.");
        return errors;
    }

    /// <summary>"P-000123": the short reference files and drop-down lists use instead of a name.</summary>
    public static string Reference(long number) => "P-" + number.ToString("000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a reference back ("P-000123", "p-123"); null when it is not one.</summary>
    public static long? ParseReference(string? reference)
    {
        var match = reference is null ? null : ReferenceFormat().Match(reference.Trim());
        return match is { Success: true } && long.TryParse(match.Groups[1].ValueSpan, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailFormat();

    [GeneratedRegex(@"^\+?[0-9 .\-]{6,20}$")]
    private static partial Regex PhoneFormat();

    [GeneratedRegex(@"^[0-9]{5}$")]
    private static partial Regex PostcodeFormat();

    [GeneratedRegex(@"^[Pp]-0*([0-9]{1,12})$")]
    private static partial Regex ReferenceFormat();
}
