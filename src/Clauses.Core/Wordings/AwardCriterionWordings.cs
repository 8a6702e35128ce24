using Clauses.Core.Clauses;

namespace Clauses.Core.Wordings;

/// <summary>
/// The award criterion on insertion, règlement de la consultation (RC) wording. The criterion must be linked to the
/// object or the execution conditions, non-discriminatory and objectively assessable (CE, 25 mars 2013,
/// Département de l'Isère, n° 364950, weight 15 %); in a formal procedure it is weighted (R2152-12).
/// <para>The 0–10 scale and its four levels are a drafting choice, not a legal rule: an organisation that grades
/// differently publishes its own version.</para>
/// </summary>
internal static class AwardCriterionWordings
{
    public const string Code = "critere_attribution_insertion";

    private const string V1 = """
        # Critère de performance en matière d'insertion professionnelle des publics en difficulté

        Conformément aux articles L. 2152-7 et R. 2152-7 du code de la commande publique, les offres remises pour le
        lot n° {{lot_numero}} « {{lot_intitule}} » du marché n° {{marche_reference}} « {{marche_objet}} » sont appréciées
        notamment au regard du critère de la performance en matière d'insertion professionnelle des publics en
        difficulté. En application de l'article R. 2152-12 du même code, ce critère est pondéré à {{ponderation}} de la
        note globale.

        Ce critère est lié aux conditions d'exécution du marché : il apprécie les moyens que le candidat s'engage à
        mettre en œuvre, pour l'exécution du lot, en faveur de l'insertion professionnelle de personnes rencontrant des
        difficultés sociales ou professionnelles particulières. Il est apprécié sans considération de l'implantation
        géographique du candidat.

        # Contenu du mémoire relatif à l'insertion

        À l'appui de son offre, le candidat remet un mémoire présentant ses engagements en matière d'insertion
        professionnelle pour l'exécution du lot. Ce mémoire précise notamment :
        - le nombre d'heures de travail que le candidat s'engage à confier à des personnes en insertion{{#heures}}, au-delà
        du volume minimal de {{heures}} fixé par le cahier des clauses administratives particulières{{/heures}}, ainsi que
        les postes et activités concernés ;
        - les modalités de mise en œuvre envisagées (embauche directe, mise à disposition de personnel, sous-traitance ou
        cotraitance avec une structure d'insertion, formation) et les partenariats prévus avec les acteurs de l'emploi
        et de l'insertion ;
        - les modalités d'encadrement et de tutorat des personnes en insertion sur le lieu d'exécution des prestations ;
        - les actions de formation et de qualification prévues au bénéfice de ces personnes ;
        - les perspectives d'emploi proposées à l'issue de leur mission et les modalités de suivi de leur parcours.

        Les engagements pris dans le mémoire de l'attributaire ont valeur contractuelle ; leur exécution est suivie avec
        le concours du facilitateur.

        # Méthode de notation

        Le critère est noté de 0 à 10 points au vu du mémoire, selon le barème suivant :
        - engagements précis, chiffrés et cohérents avec la nature des prestations, assortis de moyens d'encadrement,
        de formation et de suivi détaillés : 10 points ;
        - engagements chiffrés, mais moyens d'encadrement, de formation ou de suivi partiellement décrits : 6 points ;
        - engagements peu précis, non chiffrés ou insuffisamment étayés : 3 points ;
        - absence de mémoire ou absence d'engagement : 0 point.

        La note pondérée du critère est égale à la note obtenue, divisée par 10 et multipliée par la pondération du
        critère.
        """;

    public static IReadOnlyList<Wording> All { get; } =
    [
        new(Code, Instrument.CritereAttribution, 1,
            "Critère d'attribution – performance en matière d'insertion professionnelle",
            "Articles L. 2152-7, R. 2152-7 et R. 2152-12 du code de la commande publique", V1),
    ];
}
