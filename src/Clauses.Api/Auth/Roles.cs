using Clauses.Core.Organisations;

namespace Clauses.Api.Auth;

/// <summary>Which roles (Clauses.Core Role codes) may do what, for the API's checks.</summary>
public static class Roles
{
    public const string Facilitateur = Role.Facilitateur;
    public const string Admin = Role.Admin;

    /// <summary>Who may read an organisation's contracts and lots.</summary>
    public static readonly string[] ContractReaders = [Role.Acheteur, Role.Facilitateur, Role.Directeur, Role.Admin];

    /// <summary>Who may create and edit them.</summary>
    public static readonly string[] ContractWriters = [Role.Acheteur, Role.Admin];
}
