using Clauses.Core.Organisations;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Organisations;

public class RoleTests
{
    [Fact]
    public void Roles_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(Role.Terms,
            ("acheteur", "Acheteur"),
            ("facilitateur", "Facilitateur"),
            ("siae", "Structure d'insertion (SIAE)"),
            ("directeur", "Directeur"),
            ("admin", "Administrateur"));

    [Fact]
    public void Administrator_code_is_admin_not_the_french_word() =>
        Assert.False(Role.Terms.IsKnown("administrateur"));
}
