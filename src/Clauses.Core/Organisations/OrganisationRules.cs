using Clauses.Core.Common;

namespace Clauses.Core.Organisations;

/// <summary>Validation of an organisation.</summary>
public static class OrganisationRules
{
    public const int NameMaxLength = 200;

    public static ValidationErrors Validate(OrganisationInput o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var errors = new ValidationErrors();

        TextRules.Required(errors, "name", o.Name, NameMaxLength,
            "Le nom de l'organisation est obligatoire.",
            $"Le nom de l'organisation ne doit pas dépasser {NameMaxLength} caractères.");

        TextRules.KnownCode(errors, "kind", o.Kind, OrganisationKind.Terms, "le type d'organisation");

        if (o.Siret is not null && !Siret.IsValid(o.Siret))
        {
            errors.Add("siret", "Le SIRET doit comporter 14 chiffres et une clé de contrôle valide.");
        }

        if (o.Departement is not null && !Departement.IsValid(o.Departement))
        {
            errors.Add("departement", "Le code département est invalide (01 à 95, 2A, 2B ou 971 à 976).");
        }

        return errors;
    }
}
