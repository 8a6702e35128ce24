namespace Clauses.Api.Demo;

/// <summary>The demo organisations and users (invented names, plausible French public buyers).</summary>
internal static class DemoOrganisations
{
    public const string Metropole = "MET";
    public const string Commune = "COM";
    public const string Bailleur = "BAI";
    public const string Departement = "DEP";
    public const string Hopital = "CHU";
    public const string Prive = "PRI";
    public const string SiaeAccount = "SIAE";

    // Key, name, kind, first digit of the SIREN (2 = public body), département.
    public static readonly (string Key, string Name, string Kind, char SirenDigit, string Departement)[] All =
    [
        (Metropole, "Métropole de Lyon-Saône", "metropole", '2', "69"),
        (Commune, "Ville de Villeurbanne-sur-Rhône", "commune", '2', "69"),
        (Bailleur, "Rhône Habitat Social", "bailleur_social", '3', "69"),
        (Departement, "Département du Val-de-Saône", "departement", '2', "71"),
        (Hopital, "CHU Confluence", "hopital", '2', "69"),
        (Prive, "Groupe Bâtir Demain", "prive", '8', "69"),
        (SiaeAccount, "Tremplin Bâtiment Insertion", "siae", '4', "69"),
    ];

    public sealed record UserSpec(string Email, string DisplayName, string Summary, bool PlatformAdmin, (string Org, string Role)[] Roles);

    public static readonly UserSpec[] Users =
    [
        new("marie.dupont@metropole-demo.fr", "Marie Dupont", "Acheteuse — Métropole de Lyon-Saône (démo)", false,
            [(Metropole, "acheteur")]),
        new("julien.martin@metropole-demo.fr", "Julien Martin", "Directeur de la commande publique — Métropole de Lyon-Saône (démo)", false,
            [(Metropole, "directeur")]),
        new("sophie.bernard@plie-demo.fr", "Sophie Bernard",
            "Facilitatrice (PLIE) — Métropole de Lyon-Saône, Ville de Villeurbanne-sur-Rhône et Rhône Habitat Social (démo)", false,
            [(Metropole, "facilitateur"), (Commune, "facilitateur"), (Bailleur, "facilitateur")]),
        new("karim.haddad@habitat-demo.fr", "Karim Haddad", "Acheteur — Rhône Habitat Social (démo)", false,
            [(Bailleur, "acheteur")]),
        new("claire.petit@commune-demo.fr", "Claire Petit", "Acheteuse et directrice — Ville de Villeurbanne-sur-Rhône (démo)", false,
            [(Commune, "acheteur"), (Commune, "directeur")]),
        new("nadia.benali@departement-demo.fr", "Nadia Benali", "Facilitatrice — Département du Val-de-Saône (démo)", false,
            [(Departement, "facilitateur")]),
        new("thomas.leroy@chu-demo.fr", "Thomas Leroy", "Acheteur — CHU Confluence (démo)", false,
            [(Hopital, "acheteur")]),
        new("paul.moreau@prive-demo.fr", "Paul Moreau", "Acheteur — Groupe Bâtir Demain, donneur d'ordre privé (démo)", false,
            [(Prive, "acheteur")]),
        new("admin@clauses-demo.fr", "Administrateur Clauses", "Administrateur de la plateforme et de la Métropole de Lyon-Saône (démo)", true,
            [(Metropole, "admin")]),
        new("contact@siae-demo.fr", "Lucie Garnier", "SIAE — Tremplin Bâtiment Insertion, entreprise d'insertion (démo)", false,
            [(SiaeAccount, "siae")]),
    ];

    public static Guid UserId(string email) => DemoIds.FromName("user:" + email);

    /// <summary>Entra ID object id of a demo user: a name-based UUID of the e-mail, stable across runs.</summary>
    public static string ObjectId(string email) => DemoIds.FromName("oid:" + email).ToString();

    // Who writes what, per organisation (buyers create contracts, facilitators validate people and hours).
    public static readonly IReadOnlyDictionary<string, string?> BuyerOf = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [Metropole] = "marie.dupont@metropole-demo.fr",
        [Commune] = "claire.petit@commune-demo.fr",
        [Bailleur] = "karim.haddad@habitat-demo.fr",
        [Departement] = null,
        [Hopital] = "thomas.leroy@chu-demo.fr",
        [Prive] = "paul.moreau@prive-demo.fr",
    };

    public static readonly IReadOnlyDictionary<string, string?> FacilitatorOf = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [Metropole] = "sophie.bernard@plie-demo.fr",
        [Commune] = "sophie.bernard@plie-demo.fr",
        [Bailleur] = "sophie.bernard@plie-demo.fr",
        [Departement] = "nadia.benali@departement-demo.fr",
        [Hopital] = null,
        [Prive] = null,
    };
}

internal sealed partial class DemoBuilder
{
    private void AddOrganisationsAndUsers()
    {
        foreach (var (key, name, kind, sirenDigit, departement) in DemoOrganisations.All)
        {
            _data.Organisations.Add(new OrganisationRow(
                DemoIds.FromName("organisation:" + key), key, name, kind, _sirets.Next(sirenDigit), departement));
        }

        foreach (var user in DemoOrganisations.Users)
        {
            var id = DemoOrganisations.UserId(user.Email);
            _data.Users.Add(new UserRow(id, user.Email, user.DisplayName, DemoOrganisations.ObjectId(user.Email), user.PlatformAdmin));
            foreach (var (org, role) in user.Roles)
            {
                _data.Memberships.Add(new MembershipRow(Org(org).Id, id, role));
            }
        }
    }

    private Guid? BuyerId(string orgKey) =>
        DemoOrganisations.BuyerOf.GetValueOrDefault(orgKey) is { } email ? UserId(email) : null;

    private Guid? FacilitatorId(string orgKey) =>
        DemoOrganisations.FacilitatorOf.GetValueOrDefault(orgKey) is { } email ? UserId(email) : null;

    private string OrgKey(Guid organisationId) => _data.Organisations.Single(o => o.Id == organisationId).Key;
}
