using Clauses.Core.Clauses;

namespace Clauses.Core.Wordings;

/// <summary>
/// The "marché d'insertion et de qualification professionnelle" (old art. 30 CMP): the object of the contract is the
/// insertion service, the works or services are only its support. Services sociaux et autres services spécifiques,
/// procédure adaptée whatever the amount (R2123-1 3°). The whole contract is the insertion action, so it is not sized
/// with the hours formula (legal-rules.md R14); an estimated volume of hours is shown only when the buyer gives one.
/// <para>The buyer must hold a competence for insertion (departments, EPCI…): the wording does not assert it.</para>
/// </summary>
internal static class InsertionContractWordings
{
    public const string Code = "marche_insertion_qualification";

    private const string V1 = """
        # Marché d'insertion et de qualification professionnelle – lot n° {{lot_numero}} « {{lot_intitule}} »

        # Objet du marché

        Le lot n° {{lot_numero}} du marché n° {{marche_reference}} « {{marche_objet}} », passé par l'acheteur,
        {{acheteur}}, a pour objet une prestation d'insertion et de qualification professionnelle de personnes rencontrant des difficultés
        sociales ou professionnelles particulières. Les travaux ou services correspondant à l'activité « {{lot_intitule}} »
        constituent le support de cette prestation : ils sont le moyen de l'insertion et non l'objet principal du marché.

        Cette prestation relevant des services sociaux et autres services spécifiques, le marché est passé selon une
        procédure adaptée en application de l'article R. 2123-1 3° du code de la commande publique, quel que soit son
        montant estimé{{#montant_ht}} ({{montant_ht}}){{/montant_ht}}.

        # Personnes bénéficiaires

        Les personnes accueillies relèvent des publics suivants : {{publics}}. Leur orientation et la validation de leur
        éligibilité sont assurées {{#facilitateur}}par le facilitateur : {{facilitateur}}{{/facilitateur}}{{^facilitateur}}par
        le facilitateur désigné par l'acheteur{{/facilitateur}}, en lien avec les prescripteurs.
        {{#heures}}

        Le volume prévisionnel d'heures de travail des personnes en insertion sur le support d'activité est estimé à
        {{heures}}.
        {{/heures}}

        # Engagements du titulaire

        Le titulaire s'engage à assurer, pour chaque personne accueillie :
        - un encadrement technique de l'activité support par un personnel qualifié, adapté au niveau des personnes ;
        - un accompagnement socioprofessionnel visant à lever les freins à l'emploi et à construire un projet
        professionnel ;
        - des actions de formation et de qualification, pouvant conduire à une certification ou à une attestation de
        compétences ;
        - la préparation de la sortie du dispositif, en lien avec les acteurs de l'emploi, en vue d'un accès à l'emploi
        durable ou à une formation qualifiante.

        # Jugement des offres

        Les offres sont jugées principalement au regard de la capacité du candidat à assurer l'insertion et la
        qualification professionnelles des personnes accueillies, appréciée notamment au vu de la qualité de
        l'accompagnement socioprofessionnel proposé, des moyens et de la qualification de l'encadrement technique et des
        actions de formation prévues{{#ponderation}}. Ce critère est pondéré à {{ponderation}}{{/ponderation}}.

        # Suivi et bilan

        Le titulaire transmet {{#frequence}}{{frequence}}{{/frequence}}{{^frequence}}périodiquement{{/frequence}} à
        l'acheteur un état des personnes accueillies et des heures réalisées, et remet à l'achèvement des prestations un
        bilan précisant, pour chaque personne, les actions d'accompagnement et de formation suivies et sa situation à la
        sortie du dispositif.
        """;

    public static IReadOnlyList<Wording> All { get; } =
    [
        new(Code, Instrument.MarcheInsertion, 1,
            "Marché d'insertion et de qualification professionnelle",
            "Article R. 2123-1 3° du code de la commande publique (services sociaux et autres services spécifiques)", V1),
    ];
}
