using System.Globalization;
using System.Text;
using Clauses.Api.Hours.Workbooks;
using static Clauses.Api.Tests.Workbooks.SheetPaths;

namespace Clauses.Api.Tests.Workbooks;

/// <summary>What the byte scanner hands over to XmlReader: the outcome is XmlReader's, rows already delivered are not delivered twice.</summary>
public class SheetScannerFallbackTests
{
    private const string Row1 = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>first</t></is></c></row>";

    private static string Data(string rows) => $"<sheetData>{Row1}{rows}</sheetData>";

    private static byte[] Bytes(params object[] pieces) =>
        [.. pieces.SelectMany(p => p switch { string s => Encoding.UTF8.GetBytes(s), byte[] b => b, _ => throw new ArgumentException("piece") })];

    public static TheoryData<string> Names => [.. Triggers.Keys];

    private static readonly Dictionary<string, byte[]> Triggers = new()
    {
        ["DOCTYPE"] = Bytes(Part(Data(Row2()), prologue: Declaration + "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>")),
        ["DOCTYPE inside the sheet data"] = Bytes(Part(Data("<!DOCTYPE x>" + Row2()))),
        ["CDATA in a value"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\"><v><![CDATA[12]]></v></c></row>"))),
        ["CDATA in an inline string"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a<![CDATA[<b>]]>c</t></is></c></row>"))),
        ["comment before the root"] = Bytes(Part(Data(Row2()), prologue: Declaration + "<!-- written by hand -->")),
        ["comment between rows"] = Bytes(Part(Data("<!-- c -->" + Row2()))),
        ["comment in a kept cell"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\"><v>1<!-- c -->2</v></c></row>"))),
        ["comment in a skipped cell"] = Bytes(Part(Data("<row r=\"2\"><c r=\"ZZ2\"><v>1<!-- c -->2</v></c><c r=\"A2\"><v>3</v></c></row>"))),
        ["processing instruction before the root"] = Bytes(Part(Data(Row2()), prologue: Declaration + "<?xml-stylesheet href=\"a.xsl\"?>")),
        ["processing instruction in a row"] = Bytes(Part(Data("<row r=\"2\"><?pi x?><c r=\"A2\"><v>1</v></c></row>"))),
        ["undeclared element prefix"] = Bytes(Part(Data("<p:row r=\"2\"/>"))),
        ["undeclared attribute prefix"] = Bytes(Part(Data("<row r=\"2\" p:x=\"1\"/>"))),
        ["xml prefix declared"] = Bytes(Part(Data(Row2()), root: $"<worksheet xmlns=\"{MainNs}\" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\">")),
        ["prefix bound to nothing"] = Bytes(Part(Data("<row r=\"2\" xmlns:p=\"\"/>"))),
        ["namespace name with a reference"] = Bytes(Part(Data("<row r=\"2\" xmlns:p=\"urn:a&amp;b\" p:x=\"1\"/>"))),
        ["same attribute through two prefixes of one namespace"] = Bytes(Part(Data("<row r=\"2\" xmlns:p=\"urn:u\" xmlns:q=\"urn:u\" p:x=\"1\" q:x=\"2\"/>"))),
        ["same local name through two namespaces"] = Bytes(Part(Data("<row r=\"2\" xmlns:p=\"urn:u\" xmlns:q=\"urn:v\" p:x=\"1\" q:x=\"2\"><c><v>1</v></c></row>"))),
        ["prefix used after the empty element that declared it"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" xmlns:q=\"urn:q\" q:x=\"1\"/><q:c r=\"B2\"/></row>"))),
        ["prefix used in the row after the one that declared it"] = Bytes(Part(Data("<row r=\"2\" xmlns:q=\"urn:q\"><q:c r=\"B2\"/></row><q:row r=\"3\"/>"))),
        ["unknown entity"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a&nbsp;b</t></is></c></row>"))),
        ["bare ampersand"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>a & b</v></c></row>"))),
        ["reference without semicolon"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>a &amp b &lt; c d e f g h i j k l m n o p q r s t u v</v></c></row>"))),
        ["character reference to NUL"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>&#0;</v></c></row>"))),
        ["character reference with a capital X"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>&#X41;</v></c></row>"))),
        ["character reference to a surrogate"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>&#xD800;</v></c></row>"))),
        ["character reference out of range"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>&#x110000;</v></c></row>"))),
        ["character reference with many digits"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>&#00000000000000000000000000000065;</v></c></row>"))),
        ["control character"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>a\u0001b</v></c></row>"))),
        ["]]> in text"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>a]]>b</v></c></row>"))),
        ["]]> between cells"] = Bytes(Part(Data("<row r=\"2\">]]><c r=\"A2\"><v>1</v></c></row>"))),
        ["mismatched end tag"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\"><v>1</v></x></row>"))),
        ["cell end tag with another prefix of the same length"] = Bytes(Part(Data(
            "<x:row r=\"2\" xmlns:x=\"urn:x\" xmlns:y=\"urn:x\"><x:c r=\"B2\"><x:v>1</x:v></y:c></x:row>"))),
        ["value end tag with another prefix of the same length"] = Bytes(Part(Data(
            "<x:row r=\"2\" xmlns:x=\"urn:x\" xmlns:y=\"urn:x\"><x:c r=\"B2\"><x:v>1</y:v></x:c></x:row>"))),
        ["cell whose end tag is another element's"] = Bytes(Part(Data("<row r=\"2\"><d r=\"B2\"><v>1</v></c></row>"))),
        ["end tag with another prefix"] = Bytes(Part(Data("<row r=\"2\" xmlns:p=\"urn:p\"><p:c r=\"A2\"><v>1</v></c></row>"))),
        ["'<' in an attribute value"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A<2\"><v>1</v></c></row>"))),
        ["duplicate attribute"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" r=\"B2\"><v>1</v></c></row>"))),
        ["no space between attributes"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\"s=\"1\"><v>1</v></c></row>"))),
        ["unquoted attribute"] = Bytes(Part(Data("<row r=2><c><v>1</v></c></row>"))),
        ["attribute without a value"] = Bytes(Part(Data("<row r=\"2\" hidden><c><v>1</v></c></row>"))),
        ["space after '<'"] = Bytes(Part(Data("< row r=\"2\"/>"))),
        ["xml:space with another value"] = Bytes(Part(Data("<row r=\"2\" xml:space=\"Preserve\"/>"))),
        ["xml:space with spaces around"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\" xml:space=\" preserve\"><is><t> </t></is></c></row>"))),
        ["xml: attribute other than space and lang"] = Bytes(Part(Data("<row r=\"2\" xml:base=\"x\"/>"))),
        ["reference in a cell reference"] = Bytes(Part(Data("<row r=\"2\"><c r=\"&#65;2\"><v>1</v></c><c><v>2</v></c></row>"))),
        ["tab in a cell reference"] = Bytes(Part(Data("<row r=\"2\"><c r=\"B2\t\"><v>1</v></c><c><v>2</v></c></row>"))),
        ["line break in a type"] = Bytes(Part(Data("<row r=\"2\"><c r=\"B2\" t=\"s\n\"><v>1</v></c></row>"))),
        ["non-ASCII style"] = Bytes(Part(Data("<row r=\"2\"><c r=\"B2\" s=\"١\"><v>1</v></c></row>"))),
        ["non-ASCII element name"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\"><données/><v>1</v></c></row>"))),
        ["name with two colons"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\"><a:b:c/><v>1</v></c></row>"))),
        ["element other than a row in the sheet data"] = Bytes(Part(Data("<group><row r=\"2\"><c r=\"A2\"><v>1</v></c></row></group>" + Row2(3)))),
        ["element other than a cell in a row"] = Bytes(Part(Data("<row r=\"2\"><extLst><c r=\"B2\"><v>5</v></c></extLst><c r=\"A2\"><v>1</v></c></row>"))),
        ["element inside a value"] = Bytes(Part(Data("<row r=\"2\"><c r=\"B2\"><v>1<x>2</x>3</v></c></row>"))),
        ["no sheet data"] = Bytes(Part("<sheetViews/>")),
        ["no sheet data, something after the root"] = Bytes(Part("<sheetViews/>", end: "</worksheet><!-- c -->")),
        ["truncated part"] = Bytes(Part("<sheetData>" + Row1 + "<row r=\"2\"><c r=\"A2\"><v>1</v>", end: "")),
        ["part ending inside a tag"] = Bytes(Part("<sheetData>" + Row1 + "<row r=\"2\"><c r=\"A2", end: "")),
        ["empty part"] = [],
        ["text before the root"] = Bytes(Part(Data(Row2()), prologue: Declaration + "hello")),
        ["space before the declaration"] = Bytes(Part(Data(Row2()), prologue: " " + Declaration)),
        ["XML 1.1"] = Bytes(Part(Data(Row2()), prologue: "<?xml version=\"1.1\"?>")),
        ["declaration with an unknown pseudo-attribute"] = Bytes(Part(Data(Row2()), prologue: "<?xml version=\"1.0\" foo=\"bar\"?>")),
        ["a tag longer than the scanner's largest buffer"] = Bytes(Part(Data($"<row r=\"2\" spans=\"{Digits(1_100_000)}\"><c><v>1</v></c></row>"))),
        ["ISO-8859-1"] = Bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", $"<worksheet xmlns=\"{MainNs}\">",
            Data("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>"), Encoding.Latin1.GetBytes("Éloïse"), "</t></is></c></row></sheetData></worksheet>"),
        ["UTF-16"] = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Part(Data(Row2()), prologue: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"))],
        ["UTF-16 without a byte order mark"] = Encoding.BigEndianUnicode.GetBytes(Part(Data(Row2()), prologue: "")),
        ["UTF-8 byte order mark, UTF-16 declared"] = Bytes("\uFEFF", Part(Data(Row2()), prologue: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")),
        ["invalid UTF-8"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>a")), new byte[] { 0xFF }, "</v></c></row></sheetData></worksheet>"),
        ["truncated UTF-8"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>a")), new byte[] { 0xC3 }, "</v></c></row></sheetData></worksheet>"),
        ["overlong UTF-8"] = Bytes(Part(Data("<row r=\"2\"><c r=\"A2\" t=\"str\"><v>a")), new byte[] { 0xC0, 0xAF }, "</v></c></row></sheetData></worksheet>"),
        ["UTF-8 encoded surrogate"] = Bytes(Part(Data("<row r=\"2\"><c r=\"ZZ2\" t=\"str\"><v>a")), new byte[] { 0xED, 0xA0, 0x80 }, "</v></c></row></sheetData></worksheet>"),
        ["U+FFFE"] = Bytes(Part(Data("<row r=\"2\" x=\"")), new byte[] { 0xEF, 0xBF, 0xBE }, "\"/></sheetData></worksheet>"),
    };

    /// <summary>Digits that do not compress much (a long run of one digit would trip the compression ratio guard).</summary>
    private static string Digits(int count)
    {
        var random = new Random(1);
        return string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));
    }

    private static string Row2(int row = 2) => $"<row r=\"{row}\"><c r=\"A{row}\"><v>2</v></c></row>";

    /// <summary>The Part helper takes a string; the triggers above are built complete and their root is added here when missing.</summary>
    private static string Part(string body, string prologue = Declaration, string? root = null, string end = "</worksheet>") =>
        SheetPaths.Part(body, prologue, root ?? $"<worksheet xmlns=\"{MainNs}\">", end);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_scanner_hands_over_to_XmlReader_which_decides(string name) =>
        AssertSame(Workbook(Triggers[name]), fallback: true, bufferSizes: [Utf8XmlScanner.DefaultBufferSize, 1, 3, 17]);

    [Fact]
    public void A_DOCTYPE_is_still_rejected_as_a_forbidden_DTD()
    {
        var xlsx = Workbook(Triggers["DOCTYPE"]);
        var reading = Read(xlsx, Mappings[0], SheetReaderOptions.Default);
        Assert.Equal($"400 {XlsxPackage.DtdForbidden}", reading.Outcome);
        Assert.Empty(reading.Rows);
        Assert.NotNull(reading.FallbackReason);

        var header = "<row r=\"1\">" + string.Concat(new[] { "Lot", "Participant", "Modalité", "Période", "Heures" }.Select((h, i) =>
            $"<c r=\"{(char)('A' + i)}1\" t=\"inlineStr\"><is><t>{h}</t></is></c>")) + "</row>";
        var workbook = Workbook(SheetPaths.Part($"<sheetData>{header}</sheetData>", prologue: Declaration + "<!DOCTYPE x [<!ENTITY e \"x\">]>"));
        Assert.Equal($"0 rows, 0 errors, then 400 {XlsxPackage.DtdForbidden}", ReadWorkbook(workbook, SheetReaderOptions.Default));
        Assert.Equal(ReadWorkbook(workbook, XmlReaderOnly), ReadWorkbook(workbook, SheetReaderOptions.Default));
    }

    /// <summary>600 rows of inline strings, numbers and shared strings; <paramref name="surprise"/> is written before row 300's cell C.</summary>
    private static byte[] Long(string surprise, bool inCell = false)
    {
        var sb = new StringBuilder();
        for (var r = 1; r <= 600; r++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>P-{r} &amp; é</t></is></c><c r=\"B{r}\" t=\"s\"><v>{r % 5}</v></c>");
            if (r == 300 && !inCell) sb.Append(surprise);
            sb.Append(CultureInfo.InvariantCulture, $"<c r=\"C{r}\" s=\"1\"><v>{r}.5</v></c><c r=\"D{r}\"><f>C{r}</f><v>{r}</v></c></row>");
            if (r == 300 && inCell) sb.Append(surprise);
        }
        return Workbook(SheetPaths.Part($"<sheetData>{sb}</sheetData>"));
    }

    [Theory]
    [InlineData("<!-- a comment in the middle of a row -->", false)]
    [InlineData("<?pi in the middle of a row?>", false)]
    [InlineData("<!-- a comment between rows -->", true)]
    [InlineData("<c r=\"Z300\"><v><![CDATA[1]]></v></c>", false)]
    public void A_fallback_after_rows_were_delivered_delivers_each_row_once(string surprise, bool betweenRows)
    {
        var xlsx = Long(surprise, betweenRows);
        foreach (var mapping in Mappings)
        {
            var expected = Read(xlsx, mapping, XmlReaderOnly);
            Assert.Equal(600, expected.Rows.Count);
            foreach (var size in new[] { Utf8XmlScanner.DefaultBufferSize, 5, 1000 })
            {
                var actual = Read(xlsx, mapping, new SheetReaderOptions(BufferSize: size));
                Assert.NotNull(actual.FallbackReason);
                Assert.Equal(expected.ToString(), actual.ToString());
            }
        }
    }

    [Fact]
    public void Malformed_XML_after_rows_were_delivered_is_rejected_as_by_XmlReader()
    {
        var xlsx = Long("<c r=\"E300\"><v>1</x></c>");
        var expected = Read(xlsx, Mappings[0], XmlReaderOnly);
        Assert.Equal(299, expected.Rows.Count);
        Assert.Equal($"400 {XlsxPackage.Corrupt}", expected.Outcome);
        var actual = Read(xlsx, Mappings[0], SheetReaderOptions.Default);
        Assert.Equal(expected.ToString(), actual.ToString());
        Assert.Equal("an end tag that does not match its start tag", actual.FallbackReason);
    }

    /// <summary>A workbook whose sheet, after a first row, holds <paramref name="spaces"/> MB of spaces, with its declared size patched down to 1 000.</summary>
    private static byte[] Lying(string beforeSpaces, int spaces)
    {
        var part = new MemoryStream();
        part.Write(Encoding.UTF8.GetBytes(Declaration + $"<worksheet xmlns=\"{MainNs}\"><sheetData>{Row1}{beforeSpaces}"));
        var blank = new byte[1 << 20];
        blank.AsSpan().Fill((byte)' ');
        for (var i = 0; i < spaces; i++) part.Write(blank);
        part.Write(Encoding.UTF8.GetBytes(Row2() + "</sheetData></worksheet>"));
        var xlsx = Workbook(part.ToArray());
        var name = Encoding.ASCII.GetBytes("xl/worksheets/sheet1.xml");
        for (var i = 0; i + 46 < xlsx.Length; i++)
        {
            if (xlsx[i] == 'P' && xlsx[i + 1] == 'K' && xlsx[i + 2] == 3 && xlsx[i + 3] == 4 && xlsx.AsSpan(i + 30, name.Length).SequenceEqual(name))
                BitConverter.TryWriteBytes(xlsx.AsSpan(i + 22, 4), 1000);
            if (xlsx[i] == 'P' && xlsx[i + 1] == 'K' && xlsx[i + 2] == 1 && xlsx[i + 3] == 2 && xlsx.AsSpan(i + 46, name.Length).SequenceEqual(name))
                BitConverter.TryWriteBytes(xlsx.AsSpan(i + 24, 4), 1000);
        }
        return xlsx;
    }

    [Theory]
    [InlineData("")]
    [InlineData("<row r=\"2\"><c r=\"A2\"><v>1</v></x></row>")]
    [InlineData("<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>")]
    public void The_inflate_guard_still_stops_a_bomb_with_the_XmlReader_paths_outcome(string beforeSpaces)
    {
        var limits = new WorkbookLimits(MaxUncompressedBytes: 1_500_000);
        var xlsx = Lying(beforeSpaces, spaces: 3);
        var expected = Read(xlsx, Mappings[0], XmlReaderOnly, limits);
        Assert.Matches("^(400|413) ", expected.Outcome); // the zip itself may notice the lie first (400), or the guard (413)
        foreach (var size in new[] { Utf8XmlScanner.DefaultBufferSize, 4096 })
            Assert.Equal(expected.ToString(), Read(xlsx, Mappings[0], new SheetReaderOptions(BufferSize: size), limits).ToString());
    }

    [Fact]
    public void Wherever_the_inflate_guard_stops_the_part_both_paths_deliver_the_same_rows_then_the_same_refusal()
    {
        var rows = string.Concat(Enumerable.Range(1, 500).Select(r =>
            $"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>P-{r} é</t></is></c><c r=\"B{r}\"><v>{r}</v></c></row>"));
        var tail = string.Concat(Enumerable.Repeat("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\"/>", 300));
        var text = SheetPaths.Part($"<sheetData>{rows}</sheetData>{tail}");
        var part = Encoding.UTF8.GetBytes(text);
        var end = Encoding.UTF8.GetByteCount(text[..text.IndexOf("</sheetData>", StringComparison.Ordinal)]);
        var limits = Enumerable.Range(0, 40).Select(i => i * part.Length / 40).Concat(Enumerable.Range(0, 3_000).Select(i => end - 4_500 + (3 * i)));
        foreach (var limit in limits)
        {
            Stream Open() => new InflateGuardStream(new MemoryStream(part), compressedLength: 1L << 40, new WorkbookLimits(MaxUncompressedBytes: limit));
            var expected = Read(Open, SharedStrings, Mappings[1], XmlReaderOnly);
            foreach (var size in new[] { 16_384, 20_000 })
            {
                var actual = Read(Open, SharedStrings, Mappings[1], new SheetReaderOptions(BufferSize: size));
                Assert.True(expected.ToString() == actual.ToString(), $"limit {limit}, buffer {size}:\nXmlReader:\n{expected}\nscanner:\n{actual}");
            }
        }
    }
}
