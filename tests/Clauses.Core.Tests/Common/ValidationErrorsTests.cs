using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

public class ValidationErrorsTests
{
    [Fact]
    public void New_accumulator_is_valid_and_empty()
    {
        var errors = new ValidationErrors();
        Assert.True(errors.IsValid);
        Assert.Empty(errors.ToDictionary());
        Assert.Empty(errors.For("title"));
    }

    [Fact]
    public void Added_error_makes_it_invalid()
    {
        var errors = new ValidationErrors();
        errors.Add("title", "L'objet est obligatoire.");
        Assert.False(errors.IsValid);
        Assert.Equal(["L'objet est obligatoire."], errors.For("title"));
    }

    [Fact]
    public void Messages_of_one_field_are_grouped_in_order()
    {
        var errors = new ValidationErrors();
        errors.Add("amountHt", "Premier.");
        errors.Add("title", "Autre.");
        errors.Add("amountHt", "Second.");

        var dictionary = errors.ToDictionary();

        Assert.Equal(2, dictionary.Count);
        Assert.Equal(["Premier.", "Second."], dictionary["amountHt"]);
        Assert.Equal(["Autre."], dictionary["title"]);
        Assert.Equal(["amountHt", "title"], errors.Fields);
    }

    [Fact]
    public void Field_names_are_kept_as_given_and_case_sensitive()
    {
        var errors = new ValidationErrors();
        errors.Add("cpvCode", "x");
        Assert.True(errors.ToDictionary().ContainsKey("cpvCode"));
        Assert.False(errors.ToDictionary().ContainsKey("CpvCode"));
    }

    [Fact]
    public void To_dictionary_is_a_copy()
    {
        var errors = new ValidationErrors();
        errors.Add("title", "x");
        var copy = errors.ToDictionary();
        copy.Remove("title");
        Assert.False(errors.IsValid);
        Assert.Single(errors.ToDictionary());
    }

    [Fact]
    public void Merge_prefixes_field_names()
    {
        var lot = new ValidationErrors();
        lot.Add("title", "x");
        lot.Add("title", "y");
        var contract = new ValidationErrors();
        contract.Merge(lot, "lots[0]");
        Assert.Equal(["x", "y"], contract.ToDictionary()["lots[0].title"]);
    }

    [Fact]
    public void Merge_without_prefix_keeps_field_names()
    {
        var other = new ValidationErrors();
        other.Add("lots", "x");
        var errors = new ValidationErrors();
        errors.Merge(other);
        Assert.Equal(["x"], errors.For("lots"));
    }

    [Theory]
    [InlineData("", "message")]
    [InlineData(" ", "message")]
    [InlineData("field", "")]
    public void Blank_field_or_message_is_a_programming_error(string field, string message) =>
        Assert.Throws<ArgumentException>(() => new ValidationErrors().Add(field, message));
}
