using System.Globalization;

namespace Clauses.Api.Demo;

internal sealed partial class DemoBuilder
{
    // Invented SIAE of every kind, around Lyon (69) and the Val-de-Saône (71). The first one owns the SIAE account.
    private static readonly (string Name, string Kind, string[] Sectors, string City, string Postcode, string Slug)[] SiaeList =
    [
        ("Tremplin Bâtiment Insertion", "EI", ["batiment"], "Vénissieux", "69200", "tremplin-batiment"),
        ("Rhône Intérim Solidaire", "ETTI", ["batiment", "nettoyage", "logistique"], "Lyon", "69007", "rhone-interim-solidaire"),
        ("Osez l'Emploi Intérim", "ETTI", ["batiment", "restauration"], "Villeurbanne", "69100", "osez-emploi-interim"),
        ("Association intermédiaire Coup de Main", "AI", ["nettoyage", "espaces_verts", "services_bureau"], "Vaulx-en-Velin", "69120", "coup-de-main"),
        ("AI Saône Services", "AI", ["nettoyage", "restauration"], "Mâcon", "71000", "saone-services"),
        ("Jardins solidaires du Val-de-Saône", "ACI", ["espaces_verts"], "Tournus", "71700", "jardins-val-de-saone"),
        ("Chantier d'insertion Les Berges Vertes", "ACI", ["espaces_verts", "recyclage"], "Givors", "69700", "berges-vertes"),
        ("Ressourcerie La Trame", "ACI", ["recyclage", "logistique"], "Lyon", "69008", "ressourcerie-la-trame"),
        ("Propreté Solidaire Lyonnaise", "EI", ["nettoyage"], "Lyon", "69003", "proprete-solidaire"),
        ("Réemploi Électro Rhône", "EI", ["recyclage", "logistique"], "Saint-Fons", "69190", "reemploi-electro"),
        ("Second Œuvre Solidaire", "EI", ["batiment"], "Bron", "69500", "second-oeuvre-solidaire"),
        ("Coopérative des Indépendants Solidaires", "EITI", ["batiment", "services_bureau"], "Lyon", "69009", "independants-solidaires"),
        ("GEIQ BTP Rhône-Saône", "GEIQ", ["batiment"], "Lyon", "69007", "geiq-btp-rhone-saone"),
        ("GEIQ Propreté Lyon Métropole", "GEIQ", ["nettoyage"], "Villeurbanne", "69100", "geiq-proprete"),
        ("Entreprise adaptée Les Ateliers du Confluent", "EA", ["services_bureau", "logistique", "recyclage"], "Lyon", "69002", "ateliers-confluent"),
        ("EA Espaces Verts du Beaujolais", "EA", ["espaces_verts"], "Villefranche-sur-Saône", "69400", "ea-beaujolais"),
        ("Handi-Intérim Rhône", "EATT", ["services_bureau", "logistique", "nettoyage"], "Lyon", "69003", "handi-interim"),
        ("ESAT Les Ateliers de la Croix-Rousse", "ESAT", ["blanchisserie", "restauration", "services_bureau"], "Lyon", "69004", "esat-croix-rousse"),
        ("ESAT du Val de Saône", "ESAT", ["espaces_verts", "restauration", "logistique"], "Chalon-sur-Saône", "71100", "esat-val-de-saone"),
        ("Restaurant d'insertion La Table Ouverte", "ACI", ["restauration"], "Villeurbanne", "69100", "table-ouverte"),
    ];

    private void AddSiae()
    {
        var account = Org(DemoOrganisations.SiaeAccount);
        for (var i = 0; i < SiaeList.Length; i++)
        {
            var (name, kind, sectors, city, postcode, slug) = SiaeList[i];
            var departement = postcode[..2];
            string[] departements = departement == "71" ? ["71", "01"] : ["69", "01", "38"];
            var imported = i % 4 != 3;
            var siret = i == 0 ? account.Siret : _sirets.Next(kind is "ESAT" or "AI" or "ACI" or "GEIQ" ? '7' : '8');
            _data.Siae.Add(new SiaeRow(
                DemoIds.FromName("siae:" + slug), siret, name, kind, sectors, departements, city, postcode,
                RadiusKm: 20 + (10 * _rng.Next(0, 5)),
                ContactEmail: "contact@" + slug + "-demo.fr",
                ContactPhone: Phone(departement == "71" ? "03" : "04"),
                Source: imported ? "marche_inclusion" : "saisie",
                ExternalId: imported ? (1000 + (i * 37)).ToString(CultureInfo.InvariantCulture) : null,
                AccountOrganisationId: i == 0 ? account.Id : null,
                ImportedAt: imported ? Utc(Month(-2).AddDays(4), 3, 15) : null));
        }
    }

    private SiaeRow SiaeNamed(string name) => _data.Siae.Single(s => s.Name == name);

    private string Phone(string prefix)
    {
        var pairs = Enumerable.Range(0, 4).Select(_ => _rng.Next(0, 100).ToString("00", CultureInfo.InvariantCulture));
        return prefix + " " + string.Join(' ', pairs);
    }

    // Reserved lots open to SIAE, on the lots the contracts marked as reserved.
    private void AddTenders()
    {
        AddTender("MET-PARC", "Nettoyage de fin de chantier", "publie",
            "Lot réservé aux structures d'insertion (article L2113-13) : nettoyage de fin de chantier, évacuation des déchets "
            + "et remise en état des cheminements du parc de la Feyssine.",
            ["nettoyage", "batiment"], published: Utc(Month(0).AddDays(-6), 8, 30), deadline: Utc(Month(1).AddDays(14), 12));
        AddTender("COM-EV", "Entretien des cimetières communaux", "publie",
            "Lot réservé aux SIAE (article L2113-13) : tonte, désherbage manuel sans produits phytosanitaires et entretien "
            + "des allées des trois cimetières de la ville.",
            ["espaces_verts"], published: Utc(Month(0).AddDays(-12), 9), deadline: Utc(Month(1).AddDays(24), 12));
        AddTender("CHU-BLA", "livraison du linge plat", "clos",
            "Marché réservé aux entreprises adaptées et ESAT (article L2113-12) : collecte, traitement et livraison du linge plat.",
            ["blanchisserie"], published: Utc(Month(-5).AddDays(3), 10), deadline: Utc(Month(-3).AddDays(9), 12));
        AddTender("BAI-MAR", "Nettoyage de fin de chantier", "brouillon",
            "Projet de lot réservé aux SIAE (article L2113-13) : nettoyage des logements avant livraison, résidence Les Marronniers.",
            ["nettoyage"], published: null, deadline: Utc(Month(3).AddDays(14), 12));

        var tender = _data.Tenders[0];
        var account = _data.Siae[0];
        _data.TenderInterests.Add(new TenderInterestRow(tender.Id, account.Id, tender.OrganisationId,
            UserId("contact@siae-demo.fr"),
            "Bonjour, notre entreprise d'insertion réalise régulièrement des nettoyages de fin de chantier. "
            + "Nous souhaiterions visiter le site avant de remettre notre offre."));
        var second = _data.Tenders[1];
        _data.TenderInterests.Add(new TenderInterestRow(second.Id, SiaeNamed("Chantier d'insertion Les Berges Vertes").Id,
            second.OrganisationId, null, "Intéressés : nous entretenons déjà des espaces similaires en gestion différenciée."));
    }

    private void AddTender(string contractCode, string lotTitle, string status, string description, string[] sectors,
        DateTime? published, DateTime deadline)
    {
        var lot = _data.Lots.Single(l => l.Contract.Id == ContractId(contractCode) && l.Title.EndsWith(lotTitle, StringComparison.Ordinal));
        var reservation = _data.Clauses.Single(c => c.Lot.Id == lot.Id && c.Instrument.StartsWith("reserve_", StringComparison.Ordinal)).Instrument;
        var org = _data.Organisations.Single(o => o.Id == lot.OrganisationId);
        _data.Tenders.Add(new TenderRow(
            DemoIds.FromName("tender:" + contractCode), lot.OrganisationId, lot.Contract.Id, lot.Id,
            org.Name, lot.Contract.Reference, lot.Number, lot.Contract.Title + " — " + lot.Title, description, reservation, sectors, [org.Departement],
            lot.AmountHt, deadline, status, published, BuyerId(org.Key)));
    }
}
