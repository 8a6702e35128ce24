using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

public class VocabularyTests
{
    private static readonly Vocabulary<Term> Colours = new([new("rouge", "Rouge"), new("vert", "Vert")]);

    [Fact]
    public void Known_code_is_found_with_its_label() =>
        Assert.Equal("Rouge", Colours.Label("rouge"));

    [Theory]
    [InlineData("bleu")]
    [InlineData("Rouge")]
    [InlineData("ROUGE")]
    [InlineData(" rouge")]
    [InlineData("rouge ")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_or_differently_cased_code_is_not_known(string? code)
    {
        Assert.False(Colours.IsKnown(code));
        Assert.Null(Colours.Find(code));
    }

    [Fact]
    public void Label_of_unknown_code_throws() =>
        Assert.Throws<ArgumentException>(() => Colours.Label("bleu"));

    [Fact]
    public void Codes_keep_declaration_order() =>
        Assert.Equal(["rouge", "vert"], Colours.Codes);

    [Fact]
    public void Codes_text_lists_codes_for_messages() =>
        Assert.Equal("rouge, vert", Colours.CodesText);

    [Fact]
    public void Duplicate_code_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Vocabulary<Term>([new("a", "A"), new("a", "B")]));

    [Theory]
    [InlineData("", "A")]
    [InlineData(" ", "A")]
    [InlineData("a", "")]
    [InlineData("a", " ")]
    public void Blank_code_or_label_is_refused(string code, string label) =>
        Assert.Throws<ArgumentException>(() => new Vocabulary<Term>([new(code, label)]));

    [Fact]
    public void Find_returns_the_full_term() =>
        Assert.Equal(new Term("vert", "Vert"), Colours.Find("vert"));
}
