namespace Clauses.Api.Demo;

/// <summary>Hand-written French lists for the demo participants (names reflect the diversity of the territory).</summary>
internal static class FrenchNames
{
    public static readonly string[] Women =
    [
        "Amina", "Léa", "Fatou", "Sarah", "Nadia", "Julie", "Inès", "Camille", "Yasmine", "Sandrine", "Aïcha", "Laura",
        "Manon", "Samia", "Chloé", "Karima", "Émilie", "Mariama", "Océane", "Nathalie", "Sabrina", "Awa", "Céline", "Leïla",
        "Mélissa", "Sonia", "Jessica", "Khadija", "Pauline", "Aurélie", "Houria", "Élodie", "Binta", "Stéphanie", "Lina", "Myriam",
    ];

    public static readonly string[] Men =
    [
        "Mohamed", "Kevin", "Mamadou", "Thomas", "Yacine", "Lucas", "Karim", "Nicolas", "Moussa", "Julien", "Bilal", "Anthony",
        "Sofiane", "Maxime", "Ibrahima", "David", "Rachid", "Jordan", "Youssef", "Alexandre", "Issa", "Florian", "Mehdi", "Sébastien",
        "Jean-Pierre", "Adama", "Dylan", "Hamza", "Christophe", "Omar", "Romain", "Abdoulaye", "Patrick", "Ilyes", "Cédric", "José",
        "Enzo", "Samir", "Loïc", "Boubacar", "Franck", "Nordine",
    ];

    public static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
        "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
        "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Benali", "Haddad", "Diallo", "Traoré", "Ndiaye", "Cissé", "Konaté",
        "Benmoussa", "Bouzid", "Mansouri", "Rahmani", "Belkacem", "Cherif", "Ferreira", "Da Silva", "Pereira", "Rodrigues", "Nguyen",
        "Tran", "Yilmaz", "Demir", "Kaya", "Popescu", "Ionescu", "Rossi", "Lopez", "Sanchez", "Fontaine", "Chevalier", "Blanc",
        "Guérin", "Muller", "Henry", "Roussel", "Gauthier", "Perrin", "Morin", "Mathieu", "Clément", "Gaillard", "Barbier", "Brun",
        "Camara", "Sylla", "Kouyaté", "Ouedraogo", "Amrani", "Zerrouki", "Saïdi", "Hamidi", "Boukhris",
    ];

    public static readonly string[] Streets =
    [
        "rue Victor Hugo", "avenue Jean Jaurès", "rue de la République", "boulevard des États-Unis", "rue Paul Bert",
        "chemin des Mûriers", "rue Anatole France", "allée des Cerisiers", "rue du 8 Mai 1945", "avenue Salvador Allende",
        "rue Jules Guesde", "place du Marché", "rue des Tilleuls", "avenue Gabriel Péri", "rue Pasteur", "impasse des Lilas",
        "rue Louis Braille", "avenue de la Libération", "rue Édouard Herriot", "rue des Écoles",
    ];

    public static readonly (string City, string Postcode)[] CitiesRhone =
    [
        ("Lyon", "69003"), ("Lyon", "69007"), ("Lyon", "69008"), ("Lyon", "69009"), ("Villeurbanne", "69100"),
        ("Vénissieux", "69200"), ("Vaulx-en-Velin", "69120"), ("Bron", "69500"), ("Saint-Fons", "69190"),
        ("Rillieux-la-Pape", "69140"), ("Givors", "69700"), ("Décines-Charpieu", "69150"), ("Saint-Priest", "69800"),
    ];

    public static readonly (string City, string Postcode)[] CitiesSaone =
    [
        ("Mâcon", "71000"), ("Chalon-sur-Saône", "71100"), ("Tournus", "71700"), ("Louhans", "71500"), ("Autun", "71400"),
        ("Le Creusot", "71200"), ("Montceau-les-Mines", "71300"),
    ];

    public static readonly IReadOnlyDictionary<string, string[]> Prescribers = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["france_travail:69"] = ["France Travail Lyon Part-Dieu", "France Travail Vénissieux", "France Travail Villeurbanne"],
        ["france_travail:71"] = ["France Travail Mâcon", "France Travail Chalon-sur-Saône"],
        ["mission_locale:69"] = ["Mission locale de Lyon", "Mission locale de Villeurbanne", "Mission locale Plateau Nord – Val de Saône"],
        ["mission_locale:71"] = ["Mission locale du Mâconnais", "Mission locale du Chalonnais"],
        ["cap_emploi:69"] = ["Cap emploi Rhône"],
        ["cap_emploi:71"] = ["Cap emploi Saône-et-Loire"],
        ["plie:69"] = ["PLIE Lyon-Saône", "PLIE de l'Est lyonnais"],
        ["plie:71"] = ["PLIE du Grand Chalon"],
        ["referent_rsa:69"] = ["Maison de la Métropole – référente RSA", "CCAS de Villeurbanne – référent RSA"],
        ["referent_rsa:71"] = ["Service insertion du Département – référent RSA"],
    };
}
