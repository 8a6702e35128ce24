using Clauses.Core.Wordings;
using static Clauses.Core.Tests.Wordings.WordingFixtures;

namespace Clauses.Core.Tests.Wordings;

/// <summary>What the national texts say once filled with the worked example (833 h, lot 3 peinture).</summary>
public class NationalWordingContentTests
{
    private static string Text(string code, ClauseFacts facts, int? version = null) => Render(code, facts, version).PlainText;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_execution_clause_carries_every_element_required_by_the_ccag(int version)
    {
        var rendered = Render("execution_heures", Full, version);
        var text = rendered.PlainText;
        Assert.Equal("Clause sociale d'insertion – lot n° 3 « Peinture »", rendered.Blocks[0].Text);
        Assert.Contains("Conformément à l'article L. 2112-2 du code de la commande publique", text, StringComparison.Ordinal);
        Assert.Contains("l'acheteur, Ville de Montreuil,", text, StringComparison.Ordinal);
        Assert.Contains("marché n° 2025-T-014 « Réhabilitation du groupe scolaire Jules-Ferry »", text, StringComparison.Ordinal);
        Assert.Contains($"au minimum 833{Nbsp}heures de travail d'insertion", text, StringComparison.Ordinal);
        Assert.Contains($"correspond à 5{Nbsp}% du nombre d'heures de main-d'œuvre", text, StringComparison.Ordinal);
        Assert.Contains($"1{Nnbsp}000{Nnbsp}000,00{Nbsp}€{Nbsp}HT", text, StringComparison.Ordinal);
        Assert.Contains("sous la forme d'un volume fixe d'heures", text, StringComparison.Ordinal);
        Assert.Contains("bénéficiaire du RSA", text, StringComparison.Ordinal);
        Assert.Contains("travailleur handicapé (RQTH)", text, StringComparison.Ordinal);
        Assert.Contains("parmi les suivantes : embauche directe (CDI, CDD, alternance, contrat aidé), intérim d'insertion (ETTI) et formation qualifiante.",
            text, StringComparison.Ordinal);
        Assert.Contains("est : Maison de l'emploi Est Ensemble – clauses@mde.example.", text, StringComparison.Ordinal);
        Assert.Contains("valide l'éligibilité des personnes", text, StringComparison.Ordinal);
        Assert.Contains("au facilitateur, chaque mois, un état des heures", text, StringComparison.Ordinal);
        Assert.Contains(new WordingBlock("titre", "Pénalités"), rendered.Blocks);
        Assert.Contains($"une pénalité de 45,00{Nbsp}€ par heure d'insertion non réalisée", text, StringComparison.Ordinal);
        Assert.Contains($"plafonné à 15{Nnbsp}000,00{Nbsp}€.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dispositions particulières", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pourcentage", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Without_a_penalty_the_clause_has_no_penalty_article(int version)
    {
        var rendered = Render("execution_heures", Full with { PenaltyPerHour = null }, version);
        Assert.DoesNotContain(rendered.Blocks, b => b.Text == "Pénalités");
        Assert.DoesNotContain("pénalité", rendered.PlainText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("plafonné", rendered.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_penalty_without_a_cap_has_no_cap_sentence()
    {
        var text = Text("execution_heures", Full with { PenaltyCap = null });
        Assert.Contains($"une pénalité de 45,00{Nbsp}€ par heure", text, StringComparison.Ordinal);
        Assert.DoesNotContain("plafonné", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_percentage_mode_states_a_share_of_the_hours_worked()
    {
        var text = Text("execution_heures", Full with { SizingMode = "pourcentage_heures", InsertionRate = 0.07m, TargetHours = null });
        Assert.Contains("sous la forme d'un pourcentage des heures travaillées", text, StringComparison.Ordinal);
        Assert.Contains($"réserver à l'insertion 7{Nbsp}% des heures de travail effectivement réalisées", text, StringComparison.Ordinal);
        Assert.Contains("au nombre total d'heures travaillées déclaré par le titulaire.", text, StringComparison.Ordinal);
        Assert.Contains("à partir duquel le volume d'heures d'insertion dû est arrêté", text, StringComparison.Ordinal);
        Assert.DoesNotContain("au minimum", text, StringComparison.Ordinal);
        Assert.DoesNotContain("heures de main-d'œuvre estimé", text, StringComparison.Ordinal);
        Assert.DoesNotContain("estimé, à titre indicatif", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_percentage_mode_may_show_an_indicative_volume() =>
        Assert.Contains($"déclaré par le titulaire ; il est estimé, à titre indicatif, à 3{Nnbsp}500{Nbsp}heures.",
            Text("execution_heures", Full with { SizingMode = "pourcentage_heures", TargetHours = 3500m }), StringComparison.Ordinal);

    [Fact]
    public void Large_volumes_use_the_narrow_no_break_space_between_thousands() =>
        Assert.Contains("au minimum 3\u202F500\u00A0heures de travail",
            Text("execution_heures", Full with { AmountHt = 1_500_000m, TargetHours = 3500m, InsertionRate = 0.10m }), StringComparison.Ordinal);

    [Fact]
    public void A_single_hour_is_singular()
    {
        var text = Text("execution_heures", Full with { TargetHours = 1m });
        Assert.Contains($"au minimum 1{Nbsp}heure de travail", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"1{Nbsp}heures", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_facilitator_frequency_or_modalities_the_clause_uses_its_defaults()
    {
        var text = Text("execution_heures", Full with { FacilitatorContact = null, ReportingFrequency = null, AllowedModalities = [], EligibleCriteria = [] });
        Assert.Contains("est désigné par l'acheteur ; ses coordonnées sont communiquées au titulaire", text, StringComparison.Ordinal);
        Assert.Contains("au facilitateur, selon la périodicité convenue avec lui, un état", text, StringComparison.Ordinal);
        Assert.Contains("notamment l'embauche directe, la mise à disposition de salariés", text, StringComparison.Ordinal);
        Assert.Contains("Sont éligibles à la présente clause : les publics éligibles définis à l'article", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[à compléter", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_volume_stays_visible_in_the_execution_clause() =>
        Assert.Contains("au minimum [à compléter : heures] de travail",
            Text("execution_heures", Full with { TargetHours = null }), StringComparison.Ordinal);

    [Theory]
    [InlineData("anru_npnru", "charte nationale d'insertion de l'ANRU")]
    [InlineData("outre_mer_l2691_1", "jeunes de moins de vingt-cinq ans")]
    public void A_preset_adds_its_particular_provisions(string preset, string piece)
    {
        var rendered = Render("execution_heures", Full with { Preset = preset });
        Assert.Equal(new WordingBlock("titre", "Dispositions particulières"), rendered.Blocks[^2]);
        Assert.Contains(piece, rendered.Blocks[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_award_criterion_is_weighted_and_describes_the_memo_and_the_scoring()
    {
        var rendered = Render("critere_attribution_insertion", Full);
        var text = rendered.PlainText;
        Assert.Contains("articles L. 2152-7 et R. 2152-7 du code de la commande publique", text, StringComparison.Ordinal);
        Assert.Contains("performance en matière d'insertion professionnelle des publics en difficulté", text, StringComparison.Ordinal);
        Assert.Contains($"l'article R. 2152-12 du même code, ce critère est pondéré à 15{Nbsp}% de la note globale", text, StringComparison.Ordinal);
        Assert.Contains(new WordingBlock("titre", "Contenu du mémoire relatif à l'insertion"), rendered.Blocks);
        Assert.Contains(new WordingBlock("titre", "Méthode de notation"), rendered.Blocks);
        Assert.True(rendered.Blocks.Count(b => b.Kind == "puce") >= 8);
        Assert.Contains($"au-delà du volume minimal de 833{Nbsp}heures", text, StringComparison.Ordinal);
        Assert.DoesNotContain("au-delà du volume minimal", Text("critere_attribution_insertion", Full with { TargetHours = null }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lot_reserve_l2113_12", "article L. 2113-12 du code de la commande publique", "entreprises adaptées")]
    [InlineData("lot_reserve_l2113_12", "article L. 344-2 du code de l'action sociale et des familles", "travailleurs handicapés")]
    [InlineData("lot_reserve_l2113_13", "article L. 2113-13 du code de la commande publique", "travailleurs défavorisés")]
    [InlineData("lot_reserve_l2113_13", "article L. 5132-4 du code du travail", "ateliers et chantiers d'insertion")]
    [InlineData("lot_reserve_l2113_13_1", "article L. 2113-13-1 du code de la commande publique", "personnes détenues")]
    public void Reserved_lots_cite_their_article_and_the_fifty_percent_share(string code, string article, string who)
    {
        var text = Text(code, Full);
        Assert.Contains(article, text, StringComparison.Ordinal);
        Assert.Contains(who, text, StringComparison.Ordinal);
        Assert.Contains("article R. 2113-7 du même code, cette proportion minimale est fixée à 50 %", text, StringComparison.Ordinal);
        Assert.Contains("le lot n° 3 « Peinture »", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_prison_work_reservation_cannot_be_combined() =>
        Assert.Contains("n'est pas cumulable avec les réservations prévues aux articles L. 2113-12 et L. 2113-13",
            Text("lot_reserve_l2113_13_1", Full), StringComparison.Ordinal);

    [Fact]
    public void The_ess_reservation_is_limited_to_social_services_and_three_years()
    {
        var text = Text("lot_reserve_l2113_15", Full);
        Assert.Contains("articles L. 2113-15 et L. 2113-16 du code de la commande publique", text, StringComparison.Ordinal);
        Assert.Contains("exclusivement sur des services sociaux et autres services spécifiques", text, StringComparison.Ordinal);
        Assert.Contains("loi n° 2014-856 du 31 juillet 2014", text, StringComparison.Ordinal);
        Assert.Contains("ne peut excéder trois ans", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_insertion_contract_has_insertion_as_its_object()
    {
        var text = Text("marche_insertion_qualification", Full);
        Assert.Contains("article R. 2123-1 3° du code de la commande publique", text, StringComparison.Ordinal);
        Assert.Contains("a pour objet une prestation d'insertion et de qualification professionnelle", text, StringComparison.Ordinal);
        Assert.Contains("constituent le support de cette prestation", text, StringComparison.Ordinal);
        Assert.Contains("capacité du candidat à assurer l'insertion et la qualification professionnelles", text, StringComparison.Ordinal);
        Assert.Contains("– un accompagnement socioprofessionnel", text, StringComparison.Ordinal);
        Assert.Contains("– un encadrement technique", text, StringComparison.Ordinal);
        Assert.Contains("– des actions de formation", text, StringComparison.Ordinal);
        Assert.DoesNotContain("est estimé à", Text("marche_insertion_qualification", Full with { TargetHours = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_alternative_clause_offers_pmsmp_job_discovery_and_training_counted_in_hours()
    {
        var rendered = Render("clause_alternative", Full);
        var text = rendered.PlainText;
        Assert.Contains($"au minimum 833{Nbsp}heures d'actions d'insertion", text, StringComparison.Ordinal);
        Assert.Contains("– l'accueil de personnes en période de mise en situation en milieu professionnel (PMSMP)", text, StringComparison.Ordinal);
        Assert.Contains("articles L. 5135-1 et suivants du code du travail", text, StringComparison.Ordinal);
        Assert.Contains("– des actions de découverte des métiers : visites", text, StringComparison.Ordinal);
        Assert.Contains("– des actions de formation", text, StringComparison.Ordinal);
        Assert.Contains(new WordingBlock("titre", "Décompte des heures"), rendered.Blocks);
        Assert.Contains("article L. 2112-2 du code de la commande publique", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_does_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            Assert.Contains($"au minimum 833{Nbsp}heures", Text("execution_heures", Full), StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
