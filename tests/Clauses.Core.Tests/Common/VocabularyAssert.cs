using Clauses.Core.Common;

namespace Clauses.Core.Tests.Common;

internal static class VocabularyAssert
{
    /// <summary>The vocabulary holds exactly these codes, in this order, with these French labels.</summary>
    public static void HasExactly<T>(Vocabulary<T> vocabulary, params (string Code, string Label)[] expected)
        where T : ITerm
    {
        Assert.Equal(expected.Select(e => e.Code), vocabulary.Codes);
        Assert.Equal(expected.Select(e => e.Label), vocabulary.All.Select(t => t.Label));
        foreach (var (code, label) in expected)
        {
            Assert.True(vocabulary.IsKnown(code));
            Assert.Equal(label, vocabulary.Label(code));
        }
    }
}
