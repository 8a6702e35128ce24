using Clauses.Core.Wordings;
using static Clauses.Core.Tests.Wordings.WordingFixtures;

namespace Clauses.Core.Tests.Wordings;

public class WordingTemplateTests
{
    [Fact]
    public void Known_variables_are_the_french_names_of_the_brief()
    {
        string[] expected =
        [
            "acheteur", "marche_reference", "marche_objet", "lot_numero", "lot_intitule", "montant_ht",
            "heures", "taux", "mode", "mode_pourcentage", "publics", "modalites", "facilitateur",
            "penalite_heure", "plafond_penalite", "frequence", "ponderation", "preset_mention",
        ];
        Assert.Equal(expected, WordingTemplate.KnownVariables);
    }

    [Fact]
    public void A_well_formed_template_is_valid() =>
        Assert.True(WordingTemplate.Validate("# Titre\n\nLot {{lot_numero}}{{#heures}} : {{heures}}{{/heures}}{{^taux}} sans taux{{/taux}}.").IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData(null)]
    public void An_empty_body_is_refused(string? body)
    {
        var errors = WordingTemplate.Validate(body!);
        Assert.Equal(["body"], errors.Fields);
        Assert.Equal(["Le texte du modèle est vide."], errors.For("body"));
    }

    [Fact]
    public void A_body_made_only_of_section_tags_is_refused() =>
        Assert.Contains("Le modèle ne contient aucun texte.", WordingTemplate.Validate("{{#heures}}\n{{/heures}}").For("body"));

    [Fact]
    public void A_body_longer_than_the_database_column_is_refused() =>
        Assert.Contains("Le texte du modèle ne doit pas dépasser 20 000 caractères.",
            WordingTemplate.Validate(new string('a', 20_001)).For("body"));

    [Fact]
    public void An_unknown_variable_is_reported_with_its_line_and_the_allowed_names()
    {
        var errors = WordingTemplate.Validate("Ligne un\nLe titulaire réalise {{nb_heures}}.");
        var message = Assert.Single(errors.For("body"));
        Assert.StartsWith("Ligne 2 : variable inconnue « nb_heures ». Variables admises : acheteur, marche_reference,", message);
        Assert.Equal(["body"], errors.Fields);
    }

    [Fact]
    public void An_unknown_section_variable_is_reported() =>
        Assert.Contains(WordingTemplate.Validate("{{#penalite}}x{{/penalite}}").For("body"),
            m => m.Contains("variable inconnue « penalite »", StringComparison.Ordinal));

    [Fact]
    public void An_unclosed_section_is_reported()
    {
        var message = Assert.Single(WordingTemplate.Validate("a\n{{#penalite_heure}}\nPénalité {{penalite_heure}}.").For("body"));
        Assert.Equal("Ligne 2 : la section « {{#penalite_heure}} » n'est pas fermée (il manque « {{/penalite_heure}} »).", message);
    }

    [Fact]
    public void A_closing_tag_without_opening_is_reported()
    {
        var message = Assert.Single(WordingTemplate.Validate("Texte {{/heures}}").For("body"));
        Assert.Equal("Ligne 1 : « {{/heures}} » ferme une section qui n'a pas été ouverte.", message);
    }

    [Fact]
    public void Crossed_sections_are_reported()
    {
        var errors = WordingTemplate.Validate("{{#heures}}a{{#taux}}b{{/heures}}c{{/taux}}");
        Assert.Contains("Ligne 1 : « {{/heures}} » ne correspond pas à la section « {{#taux}} » ouverte à la ligne 1.", errors.For("body"));
        Assert.False(errors.IsValid);
    }

    [Fact]
    public void An_inverted_section_must_be_closed_too() =>
        Assert.Single(WordingTemplate.Validate("{{^facilitateur}}désigné par l'acheteur").For("body"));

    [Theory]
    [InlineData("Volume : {{ heures }}.")]
    [InlineData("Volume : {{Heures}}.")]
    [InlineData("Volume : {{}}.")]
    [InlineData("Volume : {{#}}x{{/}}.")]
    public void Malformed_tags_are_reported(string body) =>
        Assert.Contains(WordingTemplate.Validate(body).For("body"), m => m.Contains("balise mal formée", StringComparison.Ordinal));

    [Fact]
    public void A_tag_left_open_is_reported() =>
        Assert.Contains(WordingTemplate.Validate("Volume : {{heures.\nLot {{lot_numero}}").For("body"),
            m => m.StartsWith("Ligne 1 : la balise « {{heures. » n'est pas fermée", StringComparison.Ordinal));

    [Fact]
    public void Stray_closing_braces_are_reported() =>
        Assert.Contains("Ligne 1 : « }} » sans « {{ » correspondant.", WordingTemplate.Validate("Volume : heures}}.").For("body"));

    [Fact]
    public void Render_refuses_an_invalid_template()
    {
        var exception = Assert.Throws<ArgumentException>(() => WordingTemplate.Render(Template("{{#heures}}x"), Values()));
        Assert.Contains("n'est pas fermée", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_are_substituted()
    {
        var rendered = WordingTemplate.Render(Template("Lot n° {{lot_numero}} « {{lot_intitule}} »."), Values(("lot_numero", "3"), ("lot_intitule", "Peinture")));
        Assert.Equal([new WordingBlock("paragraphe", "Lot n° 3 « Peinture ».")], rendered.Blocks);
        Assert.Equal("Essai", rendered.Title);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_section_disappears_when_its_variable_has_no_value(string? value)
    {
        var rendered = WordingTemplate.Render(Template("Pénalité{{#plafond_penalite}}, plafonnée à {{plafond_penalite}}{{/plafond_penalite}}."),
            Values(("plafond_penalite", value)));
        Assert.Equal("Pénalité.", rendered.PlainText);
    }

    [Fact]
    public void A_section_disappears_when_its_variable_is_absent_from_the_values() =>
        Assert.Equal("Pénalité.", WordingTemplate.Render(Template("Pénalité{{#plafond_penalite}}, plafonnée{{/plafond_penalite}}."), Values()).PlainText);

    [Fact]
    public void A_section_is_kept_when_its_variable_has_a_value() =>
        Assert.Equal("Pénalité, plafonnée à 10 €.",
            WordingTemplate.Render(Template("Pénalité{{#plafond_penalite}}, plafonnée à {{plafond_penalite}}{{/plafond_penalite}}."),
                Values(("plafond_penalite", "10 €"))).PlainText);

    [Theory]
    [InlineData(null, "Facilitateur désigné par l'acheteur.")]
    [InlineData("MDE", "Facilitateur : MDE.")]
    public void An_inverted_section_is_kept_only_without_value(string? value, string expected) =>
        Assert.Equal(expected, WordingTemplate.Render(
            Template("Facilitateur{{#facilitateur}} : {{facilitateur}}{{/facilitateur}}{{^facilitateur}} désigné par l'acheteur{{/facilitateur}}."),
            Values(("facilitateur", value))).PlainText);

    [Fact]
    public void Nested_sections_need_both_values()
    {
        var wording = Template("A{{#penalite_heure}} B{{#plafond_penalite}} C{{/plafond_penalite}}{{/penalite_heure}}.");
        Assert.Equal("A B C.", WordingTemplate.Render(wording, Values(("penalite_heure", "1"), ("plafond_penalite", "2"))).PlainText);
        Assert.Equal("A B.", WordingTemplate.Render(wording, Values(("penalite_heure", "1"))).PlainText);
        Assert.Equal("A.", WordingTemplate.Render(wording, Values(("plafond_penalite", "2"))).PlainText);
    }

    [Fact]
    public void A_missing_value_outside_a_section_is_left_visible() =>
        Assert.Equal("Volume : [à compléter : heures].", WordingTemplate.Render(Template("Volume : {{heures}}."), Values()).PlainText);

    [Fact]
    public void Lines_become_titles_bullets_and_paragraphs()
    {
        var rendered = WordingTemplate.Render(Template("""
            # Titre du lot {{lot_numero}}
            Premier paragraphe,
            suite du premier.

            Deuxième paragraphe :
            - première puce,
            suite de la puce ;
            - seconde puce.
            """), Values(("lot_numero", "3")));
        Assert.Equal(
        [
            new WordingBlock("titre", "Titre du lot 3"),
            new WordingBlock("paragraphe", "Premier paragraphe, suite du premier."),
            new WordingBlock("paragraphe", "Deuxième paragraphe :"),
            new WordingBlock("puce", "première puce, suite de la puce ;"),
            new WordingBlock("puce", "seconde puce."),
        ], rendered.Blocks);
    }

    [Fact]
    public void A_line_holding_only_a_section_tag_disappears_with_its_line_feed()
    {
        var wording = Template("Premier.\n{{#penalite_heure}}\nPénalité de {{penalite_heure}}.\n{{/penalite_heure}}\n\nFin.");
        Assert.Equal([new WordingBlock("paragraphe", "Premier. Pénalité de 45 €."), new WordingBlock("paragraphe", "Fin.")],
            WordingTemplate.Render(wording, Values(("penalite_heure", "45 €"))).Blocks);
        Assert.Equal([new WordingBlock("paragraphe", "Premier."), new WordingBlock("paragraphe", "Fin.")],
            WordingTemplate.Render(wording, Values()).Blocks);
    }

    [Fact]
    public void A_hidden_section_takes_its_title_away()
    {
        var wording = Template("# Objet\n\nTexte.\n\n{{#penalite_heure}}\n# Pénalités\n\n{{penalite_heure}} par heure.\n{{/penalite_heure}}\n");
        Assert.Equal([new WordingBlock("titre", "Objet"), new WordingBlock("paragraphe", "Texte.")],
            WordingTemplate.Render(wording, Values()).Blocks);
    }

    [Fact]
    public void A_value_never_makes_a_title_or_a_bullet_nor_breaks_a_line()
    {
        var rendered = WordingTemplate.Render(Template("{{acheteur}}\n{{facilitateur}}"),
            Values(("acheteur", "# Ville"), ("facilitateur", "- MDE\nligne 2")));
        Assert.Equal([new WordingBlock("paragraphe", "# Ville - MDE ligne 2")], rendered.Blocks);
    }

    [Fact]
    public void A_value_is_not_interpreted_as_a_template() =>
        Assert.Equal("Acheteur : {{heures}}.", WordingTemplate.Render(Template("Acheteur : {{acheteur}}."), Values(("acheteur", "{{heures}}"))).PlainText);

    [Fact]
    public void Spaces_left_by_hidden_sections_are_collapsed() =>
        Assert.Equal("Le titulaire réalise les heures.",
            WordingTemplate.Render(Template("Le titulaire {{#taux}} largement {{/taux}} réalise les heures."), Values()).PlainText);

    [Fact]
    public void Windows_line_endings_are_accepted() =>
        Assert.Equal([new WordingBlock("titre", "Titre"), new WordingBlock("puce", "puce")],
            WordingTemplate.Render(Template("# Titre\r\n\r\n- puce\r\n"), Values()).Blocks);

    [Fact]
    public void Plain_text_joins_blocks_and_prefixes_bullets()
    {
        var rendered = new RenderedWording("T", [new("titre", "Objet"), new("paragraphe", "Texte :"), new("puce", "un ;"), new("puce", "deux.")]);
        Assert.Equal("Objet\nTexte :\n– un ;\n– deux.", rendered.PlainText);
    }
}
