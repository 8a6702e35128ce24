using Clauses.Core.Contracts;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Contracts;

public class ContractVocabulariesTests
{
    [Fact]
    public void Contract_kinds_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(ContractKind.Terms,
            ("marche", "Marché"),
            ("accord_cadre", "Accord-cadre"),
            ("concession", "Concession / DSP"),
            ("subvention", "Subvention conditionnée"));

    [Fact]
    public void Purchase_categories_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(PurchaseCategory.Terms,
            ("travaux", "Travaux"),
            ("services", "Services"),
            ("fournitures", "Fournitures"));

    [Fact]
    public void Contract_statuses_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(ContractStatus.Terms,
            ("en_preparation", "En préparation"),
            ("en_consultation", "En consultation"),
            ("attribue", "Attribué"),
            ("en_execution", "En exécution"),
            ("termine", "Terminé"),
            ("abandonne", "Abandonné"));
}
