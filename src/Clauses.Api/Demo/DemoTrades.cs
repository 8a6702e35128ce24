namespace Clauses.Api.Demo;

/// <summary>Trades (lot kinds) of the demo: lot label, CPV code, weight in a contract, labour share and contractors.</summary>
internal static class DemoTrades
{
    public sealed record Trade(
        string Code, string Label, string Cpv, decimal Weight, decimal LabourShare, string ShareSource,
        string[] JobTitles, (string Name, string Naf)[] Companies);

    // Labour shares: peinture intérieure 0.70, maçonnerie 0.50, charpente métallique 0.20 and the building
    // average 0.50 are sourced (DOMAIN.md §3); the other trades are defaults "to be validated".
    private static readonly Trade[] Table =
    [
        new("gros_oeuvre", "Gros œuvre", "45210000-2", 0.32m, 0.50m, "table_sourcee",
            ["Manœuvre gros œuvre", "Coffreur-bancheur"],
            [("Bâtisseurs du Lyonnais SAS", "41.20B"), ("Constructions Saône-Rhône", "41.20B"), ("Entreprise générale Moulin et Fils", "41.20A")]),
        new("maconnerie", "Maçonnerie", "45262500-6", 0.14m, 0.50m, "table_sourcee",
            ["Aide-maçon", "Maçon en formation"],
            [("Maçonnerie Bressane SARL", "43.99C"), ("Pierres et Enduits du Beaujolais", "43.99C")]),
        new("charpente_metallique", "Charpente métallique", "45261000-4", 0.12m, 0.20m, "table_sourcee",
            ["Monteur en charpente métallique"],
            [("Charpentes Métalliques du Gier", "25.11Z")]),
        new("couverture", "Couverture – étanchéité", "45260000-7", 0.09m, 0.45m, "table_a_valider",
            ["Aide-couvreur", "Étancheur en formation"],
            [("Couvertures des Monts d'Or", "43.91B"), ("Étanchéité Rhône Toitures", "43.91A")]),
        new("menuiserie", "Menuiseries extérieures et intérieures", "45421000-4", 0.12m, 0.40m, "table_a_valider",
            ["Aide-menuisier poseur"],
            [("Menuiseries Alpes-Rhône", "43.32A"), ("Atelier Bois et Alu du Pilat", "43.32A")]),
        new("plomberie", "Plomberie – chauffage – ventilation", "45330000-9", 0.10m, 0.40m, "table_a_valider",
            ["Aide-plombier chauffagiste"],
            [("Plomberie Chauffage Lyonnaise", "43.22A"), ("Thermi-Fluides Saône", "43.22B")]),
        new("electricite", "Électricité courants forts et faibles", "45310000-3", 0.11m, 0.45m, "table_a_valider",
            ["Aide-électricien", "Électricien en formation"],
            [("Électricité Dauphinoise SAS", "43.21A"), ("Lumen Réseaux", "43.21A")]),
        new("peinture_interieure", "Peinture intérieure", "45442100-8", 0.06m, 0.70m, "table_sourcee",
            ["Peintre en bâtiment", "Aide-peintre"],
            [("SAS Peintures Rhodaniennes", "43.34Z"), ("Décors et Finitions Lyonnais", "43.34Z")]),
        new("carrelage", "Carrelage – faïence", "45431000-7", 0.05m, 0.55m, "table_a_valider",
            ["Aide-carreleur"],
            [("Carrelages de la Croix-Rousse SARL", "43.33Z")]),
        new("vrd", "Voirie et réseaux divers", "45233140-2", 0.15m, 0.35m, "table_a_valider",
            ["Manœuvre travaux publics", "Ouvrier VRD"],
            [("Routes et Réseaux Rhône-Alpes", "42.11Z"), ("TP du Val-de-Saône", "42.11Z")]),
        new("nettoyage", "Nettoyage", "90911200-8", 0.03m, 0.80m, "table_a_valider",
            ["Agent de propreté", "Laveur de vitres"],
            [("Propreté Saône Services", "81.21Z"), ("Net'Éclat Lyon", "81.21Z")]),
        new("espaces_verts", "Espaces verts", "77310000-6", 1m, 0.65m, "table_a_valider",
            ["Ouvrier paysagiste", "Agent d'entretien des espaces verts"],
            [("Jardins du Mont d'Or", "81.30Z"), ("Paysages de la Dombes", "81.30Z")]),
        new("restauration", "Restauration", "55523100-3", 1m, 0.45m, "table_a_valider",
            ["Agent de restauration", "Commis de cuisine"],
            [("Restauration Collective des Monts", "56.29A"), ("Saveurs Partagées SAS", "56.29A")]),
        new("collecte_dechets", "Collecte des déchets", "90500000-2", 1m, 0.55m, "table_a_valider",
            ["Ripeur", "Agent de collecte"],
            [("Valoris Collecte Rhône", "38.11Z")]),
        new("gardiennage", "Gardiennage", "79713000-5", 1m, 0.85m, "table_a_valider",
            ["Agent de sécurité", "Agent d'accueil et de surveillance"],
            [("Vigilis Sécurité Privée", "80.10Z")]),
        new("maintenance", "Maintenance des installations", "50700000-2", 1m, 0.50m, "table_a_valider",
            ["Aide-technicien de maintenance"],
            [("Maintenance Technique Rhône-Alpes", "43.22B")]),
        new("ascenseurs", "Ascenseurs", "45000000-7", 1m, 0.30m, "table_a_valider",
            ["Aide-ascensoriste"],
            [("Élévation Services Lyon", "43.29B")]),
        new("blanchisserie", "Blanchisserie", "98310000-9", 1m, 0.60m, "table_a_valider",
            ["Agent de blanchisserie"], []),
        new("textile", "Vêtements de travail", "18100000-0", 1m, 0.15m, "table_a_valider",
            ["Agent logistique"],
            [("Confection Textile du Forez", "14.12Z")]),
        new("mobilier", "Mobilier", "39160000-1", 1m, 0.15m, "table_a_valider",
            ["Agent de montage"],
            [("Mobilier Scolaire de l'Ain", "31.01Z")]),
    ];

    public static Trade Get(string code) => Table.Single(t => t.Code == code);

    public static IEnumerable<Trade> All => Table;
}
