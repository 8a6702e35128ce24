using Clauses.Core.Common;

namespace Clauses.Core.Organisations;

/// <summary>Kind of organisation (donneur d'ordre). Codes match the database CHECK constraint.</summary>
public static class OrganisationKind
{
    public const string Metropole = "metropole";
    public const string Commune = "commune";
    public const string Departement = "departement";
    public const string Region = "region";
    public const string BailleurSocial = "bailleur_social";
    public const string Hopital = "hopital";
    public const string Etat = "etat";
    public const string Prive = "prive";
    public const string Siae = "siae";
    public const string Autre = "autre";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Metropole, "Métropole"),
        new(Commune, "Commune"),
        new(Departement, "Département"),
        new(Region, "Région"),
        new(BailleurSocial, "Bailleur social"),
        new(Hopital, "Établissement hospitalier"),
        new(Etat, "Service de l'État"),
        new(Prive, "Acheteur privé"),
        new(Siae, "Structure d'insertion (SIAE)"),
        new(Autre, "Autre"),
    ]);
}
