namespace Clauses.Core.Wordings;

/// <summary>One block of a rendered wording. <paramref name="Kind"/> is "titre", "paragraphe" or "puce".</summary>
public sealed record WordingBlock(string Kind, string Text);

/// <summary>A wording filled with the values of a clause, as blocks the Word add-in turns into styled paragraphs.</summary>
public sealed record RenderedWording(string Title, IReadOnlyList<WordingBlock> Blocks)
{
    /// <summary>The blocks joined by line feeds, bullets prefixed with "– " (for search and diff).</summary>
    public string PlainText => string.Join("\n", Blocks.Select(b => b.Kind == BlockKinds.Puce ? "– " + b.Text : b.Text));
}

/// <summary>The values of <see cref="WordingBlock.Kind"/>.</summary>
internal static class BlockKinds
{
    public const string Titre = "titre";
    public const string Paragraphe = "paragraphe";
    public const string Puce = "puce";
}
