using Clauses.Core.Common;

namespace Clauses.Core.Organisations;

/// <summary>Role a user holds in one organisation (a user may hold roles in several). Codes match the database.</summary>
public static class Role
{
    public const string Acheteur = "acheteur";
    public const string Facilitateur = "facilitateur";
    public const string Siae = "siae";
    public const string Directeur = "directeur";
    public const string Admin = "admin";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Acheteur, "Acheteur"),
        new(Facilitateur, "Facilitateur"),
        new(Siae, "Structure d'insertion (SIAE)"),
        new(Directeur, "Directeur"),
        new(Admin, "Administrateur"),
    ]);
}
