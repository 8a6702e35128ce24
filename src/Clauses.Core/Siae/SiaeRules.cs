using System.Text.RegularExpressions;
using Clauses.Core.Common;

namespace Clauses.Core.Siae;

/// <summary>Validation of an SIAE directory record. Messages are French, keyed by the camelCase JSON field.</summary>
public static partial class SiaeRules
{
    public const int NameMaxLength = 200;
    public const int BrandMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int WebsiteMaxLength = 500;
    public const int MaxRadiusKm = 1000;

    /// <summary>Fields whose error makes a record unusable (an import rejects the record); errors on the other,
    /// optional fields can be cured by dropping the value.</summary>
    public static IReadOnlySet<string> EssentialFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "siret", "name", "kind", "departements",
    };

    public static ValidationErrors Validate(SiaeInput s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var errors = new ValidationErrors();

        if (string.IsNullOrWhiteSpace(s.Siret))
        {
            errors.Add("siret", "Le SIRET est obligatoire (14 chiffres).");
        }
        else if (!Siret.IsValid(Siret.Normalize(s.Siret)))
        {
            errors.Add("siret", $"Le SIRET « {s.Siret.Trim()} » n'est pas valide : 14 chiffres dont le dernier est une clé de contrôle (formule de Luhn).");
        }

        TextRules.Required(errors, "name", s.Name?.Trim(), NameMaxLength,
            "La raison sociale est obligatoire.",
            $"La raison sociale ne doit pas dépasser {NameMaxLength} caractères.");

        if (s.Brand is not null && s.Brand.Trim().Length > BrandMaxLength)
        {
            errors.Add("brand", $"L'enseigne ne doit pas dépasser {BrandMaxLength} caractères.");
        }

        TextRules.KnownCode(errors, "kind", s.Kind, SiaeKind.Terms, "le type de structure");

        foreach (var sector in (s.Sectors ?? []).Distinct(StringComparer.Ordinal))
        {
            if (!SiaeSector.Terms.IsKnown(sector))
            {
                errors.Add("sectors", $"Secteur d'activité inconnu : « {sector} ». Valeurs admises : {SiaeSector.Terms.CodesText}.");
            }
        }

        var departements = s.Departements ?? [];
        if (departements.Count == 0)
        {
            errors.Add("departements", "Indiquez au moins un département d'intervention (code INSEE, par exemple 69, 2A ou 974).");
        }

        foreach (var departement in departements.Distinct(StringComparer.Ordinal))
        {
            if (!Departement.IsValid(departement))
            {
                errors.Add("departements", $"Département inconnu : « {departement} » (codes INSEE : 01 à 95, 2A, 2B, 971 à 976).");
            }
        }

        if (s.City is not null && s.City.Trim().Length > CityMaxLength)
        {
            errors.Add("city", $"La commune ne doit pas dépasser {CityMaxLength} caractères.");
        }

        if (!string.IsNullOrWhiteSpace(s.Postcode) && !PostcodeFormat().IsMatch(s.Postcode.Trim()))
        {
            errors.Add("postcode", "Le code postal doit comporter 5 chiffres.");
        }

        if (s.RadiusKm is < 0 or > MaxRadiusKm)
        {
            errors.Add("radiusKm", $"Le rayon d'intervention doit être compris entre 0 et {MaxRadiusKm} km.");
        }

        if (!string.IsNullOrWhiteSpace(s.ContactEmail))
        {
            var email = s.ContactEmail.Trim();
            if (email.Length > EmailMaxLength || !EmailFormat().IsMatch(email))
            {
                errors.Add("contactEmail", "L'adresse électronique de contact n'est pas valide (exemple : contact@structure.fr).");
            }
        }

        if (!string.IsNullOrWhiteSpace(s.ContactPhone) && !IsPhone(s.ContactPhone.Trim()))
        {
            errors.Add("contactPhone", "Le numéro de téléphone n'est pas valide (exemple : 04 78 12 34 56 ou +33 4 78 12 34 56).");
        }

        if (!string.IsNullOrWhiteSpace(s.Website) && !IsWebsite(s.Website.Trim()))
        {
            errors.Add("website", $"Le site internet doit être une adresse complète en http:// ou https:// (au plus {WebsiteMaxLength} caractères).");
        }

        return errors;
    }

    /// <summary>A French number (0X XX XX XX XX, +33 X XX XX XX XX, separators space . -) or an international one (+ then 7 to 15 digits).</summary>
    public static bool IsPhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (FrenchPhoneFormat().IsMatch(value))
        {
            return true;
        }

        if (!InternationalPhoneFormat().IsMatch(value))
        {
            return false;
        }

        var digits = value.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15;
    }

    /// <summary>An absolute http or https address with a host.</summary>
    public static bool IsWebsite(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value.Length <= WebsiteMaxLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"\A[0-9]{5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeFormat();

    [GeneratedRegex(@"\A[^@\s]+@[^@\s]+\.[^@\s.]{2,}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailFormat();

    [GeneratedRegex(@"\A(?:(?:\+|00)33[ .\-]?(?:\(0\))?[ .\-]?|0)[1-9](?:[ .\-]?[0-9]{2}){4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FrenchPhoneFormat();

    [GeneratedRegex(@"\A\+[1-9][0-9 .\-]{5,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalPhoneFormat();
}
