using Clauses.Core.Clauses;
using Clauses.Core.Common;
using Clauses.Core.Contracts;
using Clauses.Core.Eligibility;
using Clauses.Core.Hours;
using Clauses.Core.Organisations;
using Clauses.Core.Siae;

namespace Clauses.Core.Tests.Common;

/// <summary>Properties every domain vocabulary must have.</summary>
public class AllVocabulariesTests
{
    private sealed record View(IReadOnlyList<ITerm> Terms, Func<string?, bool> IsKnown, Func<string, string> Label);

    private static View ViewOf<T>(Vocabulary<T> v)
        where T : ITerm => new([.. v.All.Cast<ITerm>()], v.IsKnown, v.Label);

    private static readonly Dictionary<string, View> Vocabularies = new()
    {
        ["OrganisationKind"] = ViewOf(OrganisationKind.Terms),
        ["Role"] = ViewOf(Role.Terms),
        ["ContractKind"] = ViewOf(ContractKind.Terms),
        ["PurchaseCategory"] = ViewOf(PurchaseCategory.Terms),
        ["ContractStatus"] = ViewOf(ContractStatus.Terms),
        ["Instrument"] = ViewOf(Instrument.Terms),
        ["Modality"] = ViewOf(Modality.Terms),
        ["ExitOutcome"] = ViewOf(ExitOutcome.Terms),
        ["SiaeKind"] = ViewOf(SiaeKind.Terms),
        ["Criterion"] = ViewOf(Criterion.Terms),
    };

    public static TheoryData<string> Names => [.. Vocabularies.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_code_is_known_and_has_its_label(string name)
    {
        var v = Vocabularies[name];
        Assert.NotEmpty(v.Terms);
        foreach (var term in v.Terms)
        {
            Assert.True(v.IsKnown(term.Code));
            Assert.Equal(term.Label, v.Label(term.Code));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Labels_are_trimmed_capitalised_and_distinct_from_codes(string name)
    {
        foreach (var term in Vocabularies[name].Terms)
        {
            Assert.Equal(term.Label.Trim(), term.Label);
            Assert.True(char.IsUpper(term.Label[0]), $"{term.Code}: « {term.Label} »");
            Assert.DoesNotContain("  ", term.Label, StringComparison.Ordinal);
            Assert.NotEqual(term.Code, term.Label);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Labels_are_unique(string name)
    {
        var labels = Vocabularies[name].Terms.Select(t => t.Label).ToList();
        Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Labels_do_not_drop_French_accents(string name)
    {
        // Common slips when typing French without accents.
        string[] slips = ["Etablissement", "Etat", "Marche ", "Prive", "Region", "Departement", "Metropole", "Critere", "Beneficiaire", "Interim", "Resident", "Refugie", "Cree", "Abandonne", "Termine", "Attribue", "preparation", "execution", "duree", "tres ", "adaptee", "qualifiee", "conditionnee", "Demandeur d'emploi de tres", "systeme", "activite", "validite", "creation", "Creation", "reserve ", "penitentiaire", "Generique"];
        foreach (var term in Vocabularies[name].Terms)
        {
            foreach (var slip in slips)
            {
                Assert.DoesNotContain(slip, term.Label, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Unknown_codes_are_rejected(string name)
    {
        var v = Vocabularies[name];
        Assert.False(v.IsKnown("inexistant"));
        Assert.False(v.IsKnown(""));
        Assert.False(v.IsKnown(null));
        Assert.Throws<ArgumentException>(() => v.Label("inexistant"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Codes_are_matched_exactly_not_by_case_or_padding(string name)
    {
        var v = Vocabularies[name];
        foreach (var term in v.Terms)
        {
            var otherCase = term.Code.Any(char.IsLower) ? term.Code.ToUpperInvariant() : term.Code.ToLowerInvariant();
            Assert.False(v.IsKnown(otherCase));
            Assert.False(v.IsKnown(term.Code + " "));
            Assert.False(v.IsKnown(" " + term.Code));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Codes_are_plain_ascii_without_spaces(string name)
    {
        foreach (var term in Vocabularies[name].Terms)
        {
            Assert.Matches(@"\A[a-zA-Z0-9_]+\z", term.Code);
        }
    }
}
