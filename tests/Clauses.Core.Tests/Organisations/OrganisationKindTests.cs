using Clauses.Core.Organisations;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Organisations;

public class OrganisationKindTests
{
    [Fact]
    public void Organisation_kinds_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(OrganisationKind.Terms,
            ("metropole", "Métropole"),
            ("commune", "Commune"),
            ("departement", "Département"),
            ("region", "Région"),
            ("bailleur_social", "Bailleur social"),
            ("hopital", "Établissement hospitalier"),
            ("etat", "Service de l'État"),
            ("prive", "Acheteur privé"),
            ("siae", "Structure d'insertion (SIAE)"),
            ("autre", "Autre"));

    [Fact]
    public void Constants_are_the_codes()
    {
        Assert.Equal("bailleur_social", OrganisationKind.BailleurSocial);
        Assert.True(OrganisationKind.Terms.IsKnown(OrganisationKind.Hopital));
    }
}
