using Clauses.Core.Clauses;

namespace Clauses.Core.Wordings;

/// <summary>
/// The "alternative" clause, used when hiring is not possible (seed 004, fiche 31: « PMSMP, découverte métier… »).
/// It remains an execution condition under L2112-2; its content is practice, not a specific article.
/// <para>PMSMP: périodes de mise en situation en milieu professionnel, code du travail L. 5135-1 et suivants, with their
/// three purposes (discover a trade, confirm a project, start a recruitment). How hours of each action are counted
/// (presence of the beneficiaries, tutor time excluded) is a drafting choice an organisation may change in its own
/// version.</para>
/// </summary>
internal static class AlternativeClauseWordings
{
    public const string Code = "clause_alternative";

    private const string V1 = """
        # Clause sociale alternative – lot n° {{lot_numero}} « {{lot_intitule}} »

        # Objet de la clause

        Conformément à l'article L. 2112-2 du code de la commande publique, l'exécution du lot n° {{lot_numero}}
        « {{lot_intitule}} » du marché n° {{marche_reference}} « {{marche_objet}} » est assortie d'une condition
        d'exécution à caractère social.

        La nature des prestations ou leurs conditions d'exécution ne permettant pas de prévoir le recrutement de
        personnes en insertion, l'action d'insertion prend la forme d'actions d'immersion, de découverte des métiers et
        de formation au bénéfice de personnes éloignées de l'emploi.

        # Engagement du titulaire

        Le titulaire s'engage à réaliser au minimum {{heures}} d'actions d'insertion, sous l'une ou plusieurs des formes
        suivantes, à son choix :
        - l'accueil de personnes en période de mise en situation en milieu professionnel (PMSMP), prévue aux articles
        L. 5135-1 et suivants du code du travail, afin de leur permettre de découvrir un métier ou un secteur
        d'activité, de confirmer un projet professionnel ou d'initier une démarche de recrutement ;
        - des actions de découverte des métiers : visites de chantier, de site ou d'atelier, présentations des métiers et
        des parcours de formation, participation à des actions organisées avec les acteurs de l'emploi et de
        l'insertion ;
        - des actions de formation au bénéfice de personnes éloignées de l'emploi, notamment des formations préalables
        au recrutement ou l'accueil en stage.

        Lorsque l'exécution du lot le permet, le titulaire peut également recruter des personnes en insertion ; les
        heures de travail correspondantes sont alors prises en compte au titre du présent engagement.
        {{#modalites}}
        Les modalités de mise en œuvre admises sont les suivantes : {{modalites}}.
        {{/modalites}}

        # Publics bénéficiaires

        Les actions bénéficient aux publics suivants : {{publics}}. Les personnes sont orientées par le facilitateur, qui
        valide leur éligibilité avant le début de chaque action.

        # Décompte des heures

        Sont décomptées les heures de présence effective des personnes bénéficiaires lors des actions, attestées par
        la convention de PMSMP ou la feuille d'émargement de l'action, et validées par le facilitateur. Le temps
        consacré par les salariés du titulaire à l'organisation ou au tutorat des actions n'est pas décompté.

        # Facilitateur et suivi

        {{#facilitateur}}
        Le facilitateur chargé de l'accompagnement de la présente clause est : {{facilitateur}}.
        {{/facilitateur}}
        {{^facilitateur}}
        Le facilitateur chargé de l'accompagnement de la présente clause est désigné par l'acheteur ; ses coordonnées
        sont communiquées au titulaire au plus tard à la notification du marché.
        {{/facilitateur}}
        Le titulaire arrête avec lui le calendrier des actions et lui transmet,
        {{#frequence}}{{frequence}}{{/frequence}}{{^frequence}}selon la périodicité convenue avec lui{{/frequence}}, un état
        des actions réalisées et des heures correspondantes.

        {{#penalite_heure}}
        # Pénalités

        Lorsque le nombre d'heures validées par le facilitateur est inférieur au volume dû, le titulaire encourt, après
        avoir été invité à présenter ses observations, une pénalité de {{penalite_heure}} par heure non réalisée, sauf
        s'il établit que le défaut d'exécution ne lui est pas imputable.
        {{#plafond_penalite}}
        Le montant total de ces pénalités est plafonné à {{plafond_penalite}}.
        {{/plafond_penalite}}
        {{/penalite_heure}}
        """;

    public static IReadOnlyList<Wording> All { get; } =
    [
        new(Code, Instrument.ClauseAlternative, 1,
            "Clause sociale alternative (immersion, découverte des métiers, formation)",
            "Article L. 2112-2 du code de la commande publique ; pratique (fiche 31) ; articles L. 5135-1 et suivants du code du travail (PMSMP)",
            V1),
    ];
}
