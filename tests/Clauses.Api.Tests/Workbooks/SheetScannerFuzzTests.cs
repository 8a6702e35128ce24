using System.Globalization;
using System.Text;
using Clauses.Api.Hours.Workbooks;
using static Clauses.Api.Tests.Workbooks.SheetPaths;

namespace Clauses.Api.Tests.Workbooks;

/// <summary>Random valid sheets (kinds, styles, references, escapes, non-ASCII text, spacing, prefixes) read by both paths.</summary>
public class SheetScannerFuzzTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_valid_sheets_are_read_by_the_scanner_as_by_XmlReader(int batch)
    {
        for (var seed = batch * 100; seed < (batch + 1) * 100; seed++)
        {
            var random = new Random(seed);
            var generator = new SheetGenerator(random);
            var xlsx = Workbook(generator.Part(), generator.SharedStrings);
            var mapping = RandomMapping(random);
            var expected = Read(xlsx, mapping, XmlReaderOnly);
            foreach (var size in new[] { Utf8XmlScanner.DefaultBufferSize, random.Next(1, 48) })
            {
                var actual = Read(xlsx, mapping, new SheetReaderOptions(BufferSize: size));
                Assert.True(expected.ToString() == actual.ToString(),
                    $"seed {seed}, buffer {size}:\nXmlReader:\n{expected}\nscanner ({actual.FallbackReason ?? "no fallback"}):\n{actual}");
                Assert.True(actual.FallbackReason is null, $"seed {seed}: fell back: {actual.FallbackReason}");
            }
        }
    }

    /// <summary>Columns → slots: some columns kept, in a random order, the others skipped.</summary>
    private static int[] RandomMapping(Random random)
    {
        var mapping = new int[random.Next(1, 30)];
        var slot = 0;
        foreach (var column in Enumerable.Range(0, mapping.Length).OrderBy(_ => random.Next()))
            mapping[column] = random.Next(10) < 6 ? slot++ : -1;
        return mapping;
    }

    private sealed class SheetGenerator(Random random)
    {
        private const string X14ac = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac";
        private static readonly string[] Pieces =
        [
            "a", "Z", "0", "9", " ", "  ", "\t", "\n", "\r\n", "\r", "&", "<", ">", "\"", "'", "é", "Ł", "日本", "😀", "\u00A0", "\u202F",
            "_x000D_", "_x005F_", "]", "]]", "P-000123", "DUPONT Marie", "=", "-", ";", "€",
        ];

        private readonly string _p = random.Next(2) == 0 ? "" : "x:";

        public string[] SharedStrings { get; } = [.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => "s" + random.Next(100))];

        private bool Chance(int percent) => random.Next(100) < percent;

        private T Pick<T>(params T[] items) => items[random.Next(items.Length)];

        private string Space() => Pick(" ", "  ", "\n\t", "\r\n ", "\t");

        private string Between() => Chance(25) ? Pick(" ", "\n  ", "\r\n", "\t", "\n") : "";

        public string Part()
        {
            var sb = new StringBuilder();
            sb.Append(Pick(Declaration, "", "\uFEFF" + Declaration, "<?xml version='1.0'?>\n", "\n"));
            sb.Append(_p.Length == 0
                ? $"<worksheet xmlns=\"{MainNs}\" xmlns:x14ac=\"{X14ac}\">"
                : $"<x:worksheet xmlns:x=\"{MainNs}\" xmlns:x14ac='{X14ac}'>");
            if (Chance(50)) sb.Append(CultureInfo.InvariantCulture, $"<{_p}dimension ref=\"A1:H9\"/>{Between()}");
            if (Chance(30)) sb.Append(CultureInfo.InvariantCulture, $"<{_p}sheetViews><{_p}sheetView workbookViewId=\"0\"><{_p}pane ySplit=\"1\" state=\"frozen\" /></{_p}sheetView></{_p}sheetViews>");
            if (Chance(30)) sb.Append(CultureInfo.InvariantCulture, $"<{_p}cols><{_p}col min=\"1\" max=\"2\" width=\"8.5\"/></{_p}cols>");
            if (Chance(10))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<{_p}sheetData/>");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<{_p}sheetData>{Between()}");
                var row = 0;
                for (var i = random.Next(0, 40); i > 0; i--) sb.Append(Row(ref row)).Append(Between());
                sb.Append(CultureInfo.InvariantCulture, $"</{_p}sheetData>");
            }
            if (Chance(50)) sb.Append(CultureInfo.InvariantCulture, $"<{_p}pageMargins left=\"0.7\" right=\"0.7\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"</{_p}worksheet>");
            return sb.ToString();
        }

        private string Attributes(List<(string Name, string Value)> attributes)
        {
            var sb = new StringBuilder();
            foreach (var (name, value) in attributes.OrderBy(_ => random.Next()))
            {
                var quote = Pick('"', '\'');
                sb.Append(Space()).Append(name).Append(Pick("=", "=", " = ", "\n=\t")).Append(quote)
                    .Append(name == "note" ? Escape(value, quote) : value).Append(quote);
            }
            if (Chance(15)) sb.Append(Space());
            return sb.ToString();
        }

        private string Row(ref int row)
        {
            row += Chance(80) ? 1 : random.Next(2, 5);
            var attributes = new List<(string, string)>();
            if (Chance(75)) attributes.Add(("r", Chance(95) ? row.ToString(CultureInfo.InvariantCulture) : Pick("0", "x", "", "007")));
            if (Chance(30)) attributes.Add(("spans", "1:8"));
            if (Chance(20)) attributes.Add(("x14ac:dyDescent", "0.25"));
            if (Chance(15)) attributes.Add(("note", Text()));
            if (Chance(10)) attributes.Add(("xml:space", Pick("preserve", "default")));
            var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<{_p}row{Attributes(attributes)}");
            if (Chance(10)) return sb.Append("/>").ToString();
            sb.Append('>');
            var column = 0;
            for (var i = random.Next(0, 12); i > 0; i--)
            {
                sb.Append(Between());
                if (Chance(3)) sb.Append(Escape("junk " + Text(), null));
                column += Chance(70) ? 1 : random.Next(2, 30);
                sb.Append(Cell(column, row));
            }
            return sb.Append(Between()).Append(CultureInfo.InvariantCulture, $"</{_p}row>").ToString();
        }

        private string Cell(int column, int row)
        {
            var kind = Pick("s", "str", "inlineStr", "b", "e", "d", "n", "", null, null, null);
            var attributes = new List<(string, string)>();
            if (Chance(75))
            {
                var reference = WorkbookText.ColumnLetters(column - 1) + (Chance(90) ? row.ToString(CultureInfo.InvariantCulture) : "");
                attributes.Add(("r", Chance(5) ? reference.ToLowerInvariant() : reference));
            }
            if (Chance(40)) attributes.Add(("s", Chance(90) ? random.Next(0, 6).ToString(CultureInfo.InvariantCulture) : Pick("x", "-1", "")));
            if (kind is not null) attributes.Add(("t", kind));
            if (Chance(8)) attributes.Add(("xml:space", Pick("preserve", "default")));
            if (Chance(5)) attributes.Add(("cm", "1"));
            var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<{_p}c{Attributes(attributes)}");
            if (Chance(8)) return sb.Append("/>").ToString();
            sb.Append('>');
            if (Chance(12)) sb.Append(Chance(50) ? $"<{_p}f>SUM(A1:B1)&amp;\"x\"</{_p}f>" : $"<{_p}f t=\"shared\" si=\"0\"/>");
            sb.Append(Between());
            sb.Append(kind switch
            {
                "s" => Value(random.Next(SharedStrings.Length).ToString(CultureInfo.InvariantCulture)),
                "inlineStr" => Chance(85) ? Inline() : Value(Text()),
                "str" or "e" or "d" => Chance(85) ? Value(Text()) : Inline(),
                "b" => Value(Pick("0", "1")),
                _ => Chance(10) ? $"<{_p}v/>" : Value(Pick("1", "-0.5", "1.5E-3", " 12 ", "", "45717", "151.67", "0.30000000000000004")),
            });
            if (Chance(3)) sb.Append(CultureInfo.InvariantCulture, $"<{_p}extLst><{_p}ext uri=\"{{x}}\"><a/></{_p}ext></{_p}extLst>");
            return sb.Append(Between()).Append(CultureInfo.InvariantCulture, $"</{_p}c>").ToString();
        }

        private string Value(string text) => $"<{_p}v>{Escape(text, null)}</{_p}v>";

        private string T(string text) =>
            $"<{_p}t{(Chance(40) ? $" xml:space=\"{Pick("preserve", "default")}\"" : "")}>{Escape(text, null)}</{_p}t>";

        private string Inline()
        {
            var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<{_p}is>");
            if (Chance(50))
            {
                sb.Append(T(Text()));
            }
            else
            {
                for (var i = random.Next(1, 4); i > 0; i--)
                    sb.Append(CultureInfo.InvariantCulture, $"<{_p}r>{(Chance(50) ? $"<{_p}rPr><{_p}b/><{_p}sz val=\"11\"/></{_p}rPr>" : "")}{T(Text())}</{_p}r>").Append(Between());
            }
            if (Chance(20)) sb.Append(CultureInfo.InvariantCulture, $"<{_p}rPh sb=\"0\" eb=\"1\">{T(Text())}</{_p}rPh>");
            if (Chance(10)) sb.Append(CultureInfo.InvariantCulture, $"<{_p}phoneticPr fontId=\"1\"/>");
            return sb.Append(CultureInfo.InvariantCulture, $"</{_p}is>").ToString();
        }

        private string Text() => string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pick(Pieces)));

        /// <summary>Escapes for XML, with character references and entities chosen at random where either form is legal.</summary>
        private string Escape(string text, char? quote)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var code = char.ConvertToUtf32(text, i);
                if (code > 0xFFFF) i++;
                var literal = char.ConvertFromUtf32(code);
                var mustEscape = code is '&' or '<' || (quote is { } q && code == q)
                                 || (code == '>' && sb.Length >= 2 && sb[^1] == ']' && sb[^2] == ']')
                                 || (quote is not null && code is '\t' or '\n' or '\r');
                if (mustEscape || Chance(12))
                {
                    sb.Append(code switch
                    {
                        '&' when Chance(70) => "&amp;",
                        '<' when Chance(70) => "&lt;",
                        '>' when Chance(70) => "&gt;",
                        '"' when Chance(70) => "&quot;",
                        '\'' when Chance(70) => "&apos;",
                        _ => Chance(50) ? $"&#{code};" : $"&#x{code:X};",
                    });
                }
                else
                {
                    sb.Append(literal);
                }
            }
            return sb.ToString();
        }
    }
}
