using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Clauses.Core.Common;

namespace Clauses.Core.Wordings;

/// <summary>
/// The small, strict template language of wordings (no templating library is available here).
/// <code>
/// {{variable}}               is replaced by the value of a known variable (see KnownVariables).
///                            With no value, outside a section that tests it, it renders "[à compléter : variable]"
///                            so that the gap is visible in the buyer's document.
/// {{#variable}} … {{/variable}}  keeps the enclosed text only when the variable has a value (not null, not blank).
/// {{^variable}} … {{/variable}}  keeps the enclosed text only when the variable has no value.
/// </code>
/// Sections may span lines and nest; they are closed in the reverse order they were opened. A line holding only a
/// section tag (and spaces) disappears entirely, as in Mustache. Tags are written without spaces; variable names
/// are lower-case letters, digits and "_".
/// <para>After substitution the text is cut into blocks: a line starting with "# " is a "titre", a line starting
/// with "- " is a "puce", any other non-empty line is a "paragraphe". A paragraph line directly following a
/// paragraph or bullet line (no blank line between) continues it, so long sentences may be wrapped in the source;
/// blank lines separate blocks. Only the template's own text makes a line a title or a bullet: a value that starts
/// with "# " or "- " stays text. Values are put on one line (line breaks become spaces) and runs of spaces are
/// collapsed.</para>
/// </summary>
public static partial class WordingTemplate
{
    private const string Field = "body";
    private const int MaxBodyLength = 20_000;

    /// <summary>Every variable a template may use, in a stable order; <see cref="ClauseValues.From"/> fills each of them.</summary>
    public static IReadOnlyList<string> KnownVariables { get; } = new ReadOnlyCollection<string>(
    [
        "acheteur", "marche_reference", "marche_objet", "lot_numero", "lot_intitule", "montant_ht",
        "heures", "taux", "mode", "mode_pourcentage", "publics", "modalites", "facilitateur",
        "penalite_heure", "plafond_penalite", "frequence", "ponderation", "preset_mention",
    ]);

    private static readonly HashSet<string> Known = new(KnownVariables, StringComparer.Ordinal);

    /// <summary>Checks a template: not empty, at most 20 000 characters, well-formed tags, only known variables,
    /// balanced sections. Messages are in French, under the field "body".</summary>
    public static ValidationErrors Validate(string body) => Parse(body).Errors;

    /// <summary>Fills <paramref name="wording"/> with <paramref name="values"/> (missing keys count as no value).</summary>
    /// <exception cref="ArgumentException">The wording's body is not a valid template.</exception>
    public static RenderedWording Render(Wording wording, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(wording);
        ArgumentNullException.ThrowIfNull(values);
        var (nodes, errors) = Parse(wording.Body);
        if (!errors.IsValid)
        {
            throw new ArgumentException(
                $"Le modèle « {wording.Code} » (version {wording.Version.ToString(CultureInfo.InvariantCulture)}) est invalide : "
                + string.Join(" ", errors.For(Field)),
                nameof(wording));
        }

        var pieces = new List<Piece>();
        Emit(nodes, values, pieces);
        return new RenderedWording(wording.Title, ToBlocks(pieces));
    }

    // ---------------------------------------------------------------- parsing

    private enum TokenKind { Text, Variable, Open, Inverted, Close }

    private sealed class Token(TokenKind kind, string text, int line)
    {
        public TokenKind Kind { get; } = kind;

        /// <summary>The text (Text tokens) or the variable name (tags).</summary>
        public string Text { get; set; } = text;

        public int Line { get; } = line;

        public string Tag => Kind switch
        {
            TokenKind.Open => "{{#" + Text + "}}",
            TokenKind.Inverted => "{{^" + Text + "}}",
            TokenKind.Close => "{{/" + Text + "}}",
            _ => "{{" + Text + "}}",
        };
    }

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record VariableNode(string Name) : Node;

    private sealed record SectionNode(string Name, bool Inverted, List<Node> Children) : Node;

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private static (List<Node> Nodes, ValidationErrors Errors) Parse(string? body)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add(Field, "Le texte du modèle est vide.");
            return ([], errors);
        }

        if (body.Length > MaxBodyLength)
        {
            errors.Add(Field, "Le texte du modèle ne doit pas dépasser 20 000 caractères.");
        }

        var tokens = Tokenize(body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'), errors);
        if (!tokens.Any(t => t.Kind == TokenKind.Variable || (t.Kind == TokenKind.Text && !string.IsNullOrWhiteSpace(t.Text))))
        {
            errors.Add(Field, "Le modèle ne contient aucun texte.");
        }

        RemoveStandaloneLines(tokens);
        return (BuildTree(tokens, errors), errors);
    }

    private static List<Token> Tokenize(string text, ValidationErrors errors)
    {
        var tokens = new List<Token>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                AddText(tokens, text, position, text.Length, errors);
                break;
            }

            AddText(tokens, text, position, open, errors);
            var line = LineAt(text, open);
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            var nextOpen = text.IndexOf("{{", open + 2, StringComparison.Ordinal);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                var lineEnd = text.IndexOf('\n', open);
                var end = Math.Min(nextOpen >= 0 ? nextOpen : text.Length, lineEnd >= 0 ? lineEnd : text.Length);
                errors.Add(Field, $"Ligne {Number(line)} : la balise « {Excerpt(text[open..end])} » n'est pas fermée (il manque « }}}} »).");
                position = nextOpen >= 0 ? nextOpen : text.Length;
                continue;
            }

            var inner = text[(open + 2)..close];
            position = close + 2;
            var (kind, name) = inner.Length > 0 && inner[0] is '#' or '^' or '/'
                ? (inner[0] switch { '#' => TokenKind.Open, '^' => TokenKind.Inverted, _ => TokenKind.Close }, inner[1..])
                : (TokenKind.Variable, inner);
            if (!NamePattern().IsMatch(name))
            {
                errors.Add(Field, $"Ligne {Number(line)} : balise mal formée « {Excerpt("{{" + inner + "}}")} ». Une balise s'écrit "
                    + "{{variable}}, {{#variable}}, {{^variable}} ou {{/variable}}, sans espace.");
                continue;
            }

            if (!Known.Contains(name))
            {
                errors.Add(Field, $"Ligne {Number(line)} : variable inconnue « {name} ». Variables admises : {string.Join(", ", KnownVariables)}.");
            }

            tokens.Add(new Token(kind, name, line));
        }

        return tokens;
    }

    private static void AddText(List<Token> tokens, string text, int start, int end, ValidationErrors errors)
    {
        if (end <= start)
        {
            return;
        }

        var chunk = text[start..end];
        var stray = chunk.IndexOf("}}", StringComparison.Ordinal);
        if (stray >= 0)
        {
            errors.Add(Field, $"Ligne {Number(LineAt(text, start + stray))} : « }}}} » sans « {{{{ » correspondant.");
        }

        tokens.Add(new Token(TokenKind.Text, chunk, LineAt(text, start)));
    }

    /// <summary>A section tag alone on its line (with spaces) removes that whole line, line feed included.
    /// Decisions are taken on the original tokens, then applied, so that consecutive tag lines all disappear.</summary>
    private static void RemoveStandaloneLines(List<Token> tokens)
    {
        var cutStart = new Dictionary<int, int>();   // text token index → characters to drop at its start
        var cutEnd = new Dictionary<int, int>();     // text token index → index where its kept text ends
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind is not (TokenKind.Open or TokenKind.Inverted or TokenKind.Close))
            {
                continue;
            }

            Token? previous = i > 0 ? tokens[i - 1] : null;
            Token? next = i + 1 < tokens.Count ? tokens[i + 1] : null;
            int? previousEnd = previous switch
            {
                null => null,
                { Kind: TokenKind.Text } p when p.Text.LastIndexOf('\n') is var nl && (nl >= 0 || i == 1)
                    && string.IsNullOrWhiteSpace(p.Text[(nl + 1)..]) => nl + 1,
                _ => -1,
            };
            int? nextStart = next switch
            {
                null => null,
                { Kind: TokenKind.Text } n when n.Text.IndexOf('\n') is var nl
                    && string.IsNullOrWhiteSpace(nl >= 0 ? n.Text[..nl] : n.Text)
                    && (nl >= 0 || i + 2 == tokens.Count) => nl >= 0 ? nl + 1 : n.Text.Length,
                _ => -1,
            };
            if (previousEnd == -1 || nextStart == -1)
            {
                continue;
            }

            if (previousEnd is { } e)
            {
                cutEnd[i - 1] = e;
            }

            if (nextStart is { } s)
            {
                cutStart[i + 1] = s;
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (!cutStart.ContainsKey(i) && !cutEnd.ContainsKey(i))
            {
                continue;
            }

            var text = tokens[i].Text;
            var start = cutStart.GetValueOrDefault(i, 0);
            var end = cutEnd.GetValueOrDefault(i, text.Length);
            tokens[i].Text = end > start ? text[start..end] : string.Empty;
        }
    }

    private static List<Node> BuildTree(List<Token> tokens, ValidationErrors errors)
    {
        var root = new List<Node>();
        var stack = new Stack<(Token Tag, List<Node> Children)>();
        List<Node> Current() => stack.Count > 0 ? stack.Peek().Children : root;

        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Text:
                    if (token.Text.Length > 0)
                    {
                        Current().Add(new TextNode(token.Text));
                    }

                    break;
                case TokenKind.Variable:
                    Current().Add(new VariableNode(token.Text));
                    break;
                case TokenKind.Open:
                case TokenKind.Inverted:
                    var section = new SectionNode(token.Text, token.Kind == TokenKind.Inverted, []);
                    Current().Add(section);
                    stack.Push((token, section.Children));
                    break;
                case TokenKind.Close:
                    if (stack.Count == 0)
                    {
                        errors.Add(Field, $"Ligne {Number(token.Line)} : « {token.Tag} » ferme une section qui n'a pas été ouverte.");
                    }
                    else if (stack.Peek().Tag.Text != token.Text)
                    {
                        var open = stack.Peek().Tag;
                        errors.Add(Field, $"Ligne {Number(token.Line)} : « {token.Tag} » ne correspond pas à la section « {open.Tag} » "
                            + $"ouverte à la ligne {Number(open.Line)}.");
                        if (stack.Any(s => s.Tag.Text == token.Text))
                        {
                            while (stack.Pop().Tag.Text != token.Text)
                            {
                            }
                        }
                    }
                    else
                    {
                        stack.Pop();
                    }

                    break;
            }
        }

        foreach (var (tag, _) in stack.Reverse())
        {
            errors.Add(Field, $"Ligne {Number(tag.Line)} : la section « {tag.Tag} » n'est pas fermée (il manque « {{{{/{tag.Text}}}}} »).");
        }

        return root;
    }

    private static int LineAt(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Excerpt(string text)
    {
        var flat = text.Replace('\n', ' ');
        return flat.Length <= 40 ? flat : flat[..40] + "…";
    }

    // ---------------------------------------------------------------- rendering

    /// <summary>A run of output text; only the template's own text may carry block markers and line feeds.</summary>
    private readonly record struct Piece(string Text, bool FromTemplate);

    private static void Emit(List<Node> nodes, IReadOnlyDictionary<string, string?> values, List<Piece> output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Add(new Piece(text.Text, true));
                    break;
                case VariableNode variable:
                    output.Add(new Piece(ValueOf(values, variable.Name) ?? $"[à compléter : {variable.Name}]", false));
                    break;
                case SectionNode section:
                    if ((ValueOf(values, section.Name) is not null) != section.Inverted)
                    {
                        Emit(section.Children, values, output);
                    }

                    break;
            }
        }
    }

    private static string? ValueOf(IReadOnlyDictionary<string, string?> values, string name)
    {
        if (!values.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.ReplaceLineEndings(" ").Replace('\t', ' ').Trim();
    }

    private static List<WordingBlock> ToBlocks(List<Piece> pieces)
    {
        var lines = new List<List<Piece>> { new() };
        foreach (var piece in pieces)
        {
            if (!piece.FromTemplate)
            {
                lines[^1].Add(piece);
                continue;
            }

            var parts = piece.Text.Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    lines.Add([]);
                }

                if (parts[i].Length > 0)
                {
                    lines[^1].Add(new Piece(parts[i], true));
                }
            }
        }

        var blocks = new List<WordingBlock>();
        var continuable = false;
        foreach (var line in lines)
        {
            var (kind, text) = Classify(line);
            if (text.Length == 0)
            {
                continuable = false;
                continue;
            }

            if (kind == BlockKinds.Paragraphe && continuable)
            {
                blocks[^1] = blocks[^1] with { Text = blocks[^1].Text + " " + text };
                continue;
            }

            blocks.Add(new WordingBlock(kind, text));
            continuable = kind != BlockKinds.Titre;
        }

        return blocks;
    }

    private static (string Kind, string Text) Classify(List<Piece> line)
    {
        var kind = BlockKinds.Paragraphe;
        var builder = new StringBuilder();
        var started = false;
        foreach (var piece in line)
        {
            var text = piece.Text;
            if (!started)
            {
                text = text.TrimStart();
                if (text.Length == 0)
                {
                    continue;
                }

                started = true;
                if (piece.FromTemplate && text.StartsWith("# ", StringComparison.Ordinal))
                {
                    (kind, text) = (BlockKinds.Titre, text[2..]);
                }
                else if (piece.FromTemplate && text.StartsWith("- ", StringComparison.Ordinal))
                {
                    (kind, text) = (BlockKinds.Puce, text[2..]);
                }
            }

            builder.Append(text);
        }

        return (kind, CollapseSpaces(builder.ToString()).Trim());
    }

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
