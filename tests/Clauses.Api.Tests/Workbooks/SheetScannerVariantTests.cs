using Clauses.Api.Hours.Workbooks;
using static Clauses.Api.Tests.Workbooks.SheetPaths;

namespace Clauses.Api.Tests.Workbooks;

/// <summary>Sheets the byte scanner reads itself: same rows, cells and errors as XmlReader, at every buffer size.</summary>
public class SheetScannerVariantTests
{
    private static string Data(string rows) => $"<sheetData>{rows}</sheetData>";

    public static TheoryData<string> Names => [.. Variants.Keys];

    private static readonly Dictionary<string, string> Variants = new()
    {
        ["explicit references"] = Part(Data("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"C1\"><v>2</v></c></row><row r=\"3\"><c r=\"H3\"><v>3</v></c></row>")),
        ["implicit rows and columns"] = Part(Data(
            "<row><c><v>1</v></c><c><v>2</v></c></row><row><c t=\"s\"><v>0</v></c></row><row r=\"5\"><c r=\"C5\"/><c><v>4</v></c></row><row><c r=\"B6\"><v>5</v></c><c><v>6</v></c></row>")),
        ["row numbers that do not parse"] = Part(Data(
            "<row r=\"0\"><c><v>1</v></c></row><row r=\"-1\"/><row r=\"abc\"/><row r=\"\"/><row r=\"00012\"/><row r=\"99999999999\"/><row r=\" 3\"/><row r=\"3\"/><row r=\"2\"/>"
            + "<row r=\"000000000000000000000000000000007\"/><row r=\"0000000000000000000000000000000071\"/>")),
        ["cell references that do not parse"] = Part(Data(
            "<row r=\"1\"><c r=\"1A\"><v>1</v></c><c r=\"A\"><v>2</v></c><c r=\"d1\"><v>3</v></c><c r=\"XFE1\"><v>4</v></c><c r=\"AAAA1\"><v>5</v></c>"
            + "<c r=\"A1048577\"><v>6</v></c><c r=\"\"><v>7</v></c><c r=\"B 1\"><v>8</v></c><c r=\"XFD1\"><v>9</v></c><c><v>10</v></c></row>")),
        ["values longer than the 32 characters read"] = Part(Data(
            "<row r=\"1\"><c r=\"A000000000000000000000000000000001X\"><v>1</v></c><c r=\"E1\" s=\"0000000000000000000000000000000007x\"><v>2</v></c>"
            + "<c r=\"F1\" t=\"inlineStr                                  x\"><v>3</v></c></row>")),
        ["every cell kind"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"str\"><v>a &amp; b</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>x</t></is></c>"
            + "<c r=\"D1\" t=\"b\"><v>1</v></c><c r=\"E1\" t=\"e\"><v>#N/A</v></c><c r=\"F1\" t=\"d\"><v>2025-03-01T00:00:00</v></c><c r=\"G1\" t=\"n\"><v>1.5E3</v></c>"
            + "<c r=\"H1\"><v>-0.25</v></c></row><row r=\"2\"><c r=\"A2\" t=\"x\"><v>7</v></c><c r=\"B2\" t=\"S\"><v>1</v></c><c r=\"C2\" t=\"\"><v>2</v></c>"
            + "<c r=\"D2\" t=\"inlineStr\"><v>v of an inline string</v></c><c r=\"E2\" t=\"str\"><is><t>is of a str</t></is></c></row>")),
        ["styles"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\" s=\"3\"><v>1</v></c><c r=\"B1\" s=\"\"><v>1</v></c><c r=\"C1\" s=\"x\"><v>1</v></c><c r=\"D1\" s=\"-1\"><v>1</v></c>"
            + "<c r=\"E1\" s=\"99999999999\"><v>1</v></c><c r=\"F1\" s=\"2147483647\"><v>1</v></c><c r=\"G1\" s=\"007\"><v>1</v></c></row>")),
        ["formulas"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\"><f>SUM(B1:C1)</f><v>3</v></c><c r=\"B1\"><f/><v>1</v></c><c r=\"C1\"><f t=\"shared\" ref=\"C1:C3\" si=\"0\">A1&amp;\"x\"</f></c>"
            + "<c r=\"D1\" t=\"str\"><f>\"a\"&lt;&gt;\"b\"</f><v>TRUE</v></c></row><row r=\"2\"><c r=\"C2\"><f t=\"shared\" si=\"0\"/><v>4</v></c></row>")),
        ["values"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\"><v> 12 </v></c><c r=\"B1\"><v>\n</v></c><c r=\"C1\"><v/></c><c r=\"D1\"><v></v></c><c r=\"E1\"><v>1</v><v>2</v></c>"
            + "<c r=\"F1\"><v>&#49;&#x32;</v></c><c r=\"G1\" t=\"str\"><v>&#32;</v></c><c r=\"H1\" t=\"str\"><v>a\r\nb\rc</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>00004</v></c><c r=\"B2\" t=\"s\"><v/></c><c r=\"C2\" t=\"str\"><v>]]] ] &gt; ]]&gt;</v></c>"
            + "<c r=\"D2\" t=\"str\" xml:space=\"preserve\"><v>  </v></c><c r=\"E2\" t=\"b\"><v>0</v></c></row>")),
        ["inline strings"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><r><rPr><b/><sz val=\"11\"/></rPr><t>a</t></r><r><t xml:space=\"preserve\"> b </t></r></is></c>"
            + "<c r=\"C1\" t=\"inlineStr\"><is><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh><phoneticPr fontId=\"1\"/></is></c>"
            + "<c r=\"D1\" t=\"inlineStr\"><is/></c><c r=\"E1\" t=\"inlineStr\"><is></is></c><c r=\"F1\" t=\"inlineStr\"><is><t/></is></c>"
            + "<c r=\"G1\" t=\"inlineStr\"><is><t> </t></is></c><c r=\"H1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> </t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is>loose text<t>kept</t> more</is></c><c r=\"B2\" t=\"inlineStr\"><is><t>a<b/>c</t></is></c>"
            + "<c r=\"C2\" t=\"inlineStr\"><is><t>a<x>b</x>c</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>a_x000D_b_x005F_x0041_c_x0009_</t></is></c>"
            + "<c r=\"E2\" t=\"inlineStr\"><is><rPh><t>p</t><t>q</t></rPh><t>r</t></is></c><c r=\"F2\" t=\"inlineStr\"><is><t>a</t><rPh/><t>b</t></is></c>"
            + "<c r=\"G2\" t=\"inlineStr\"><is><t>a\r\nb</t>\n  <t>c</t></is></c><c r=\"H2\" t=\"inlineStr\"><is><t>x</t><t>  </t><t>y</t></is></c></row>")),
        ["xml:space inherited and reset"] = Part(Data(
            "<row r=\"1\" xml:space=\"preserve\"><c r=\"A1\" t=\"inlineStr\"><is><t> </t></is></c><c r=\"B1\" t=\"str\"><v> </v></c>"
            + "<c r=\"C1\" t=\"inlineStr\" xml:space=\"default\"><is><t> </t></is></c><c r=\"D1\"><v>\t</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is xml:space=\"preserve\"><r><t>\n</t></r></is></c><c r=\"B2\" t=\"inlineStr\"><is><t> </t></is></c></row>")),
        ["entities and character references"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&amp; &lt; &gt; &quot; &apos; &#233; &#xE9; &#xe9; &#x1F600; &#128512; &#x9;&#13;&#10; &#0000065;</t></is></c>"
            + "<c r=\"B1\" t=\"str\"><v>&amp;&lt;&gt;&quot;&apos;&#x10FFFF;&#xFFFD;</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>&#32;&#9;</t></is></c>"
            + "<c r=\"D1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">&#32;&#13;</t></is></c></row>")),
        ["non-ASCII text"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>LEFÈVRE Éloïse</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>N'DIAYE « Moussa » – P-1</t></is></c>"
            + "<c r=\"C1\" t=\"inlineStr\"><is><t>日本語 😀 𝄞 \u00A0\u202F</t></is></c><c r=\"D1\" t=\"str\"><v>Ω\u0085\u2028</v></c></row>")),
        ["characters at the edges of what XML allows"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:lang=\"fr\">\uFDD0 \U0001FFFE \U0010FFFF \uFFFD \u0080\u009F \uD7FF \uE000 &#xFDD0;&#x1FFFE;&#xD7FF;&#xE000;</t></is></c>"
            + "<c r=\"B1\" t=\"str\"><v>\u007F&#x7F;&#x80;</v></c></row>")),
        ["attributes in any order, quote and spacing"] = Part(Data(
            "<row\n\tr='1'  spans=\"1:8\"><c\n\tt='s'  r = \"B1\"\ts=\"1\"  ><v>1</v></c><c s = '2' t=\"inlineStr\" r='D1'><is><t>x</t></is></c>"
            + "<c r=\"E1\" ><v >5</v ></c ></row >")),
        ["self-closing and empty elements"] = Part(Data(
            "<row r=\"4\"/><row r=\"5\"><c r=\"A5\"/><c r=\"B5\" s=\"2\"/><c r=\"C5\" t=\"s\"/></row><row r=\"6\"></row><row r=\"7\"> </row><row r=\"8\"><c r=\"A8\"></c></row>")),
        ["cells outside the requested columns"] = Part(Data(
            "<row r=\"1\"><c r=\"K1\" t=\"inlineStr\"><is><r><t>skip &amp; me</t></r><rPh><t>x</t></rPh></is></c><c r=\"A1\"><v>1</v></c><c r=\"Z1\"><f>A1</f><v>2</v></c>"
            + "<c r=\"TJ1\"><v>3</v></c><c r=\"TK1\"><v>4</v></c><c><v>5</v></c><c r=\"XFD1\" t=\"s\"><v>999</v></c><c><v>after the last column</v></c></row>")),
        ["empty sheet data"] = Part("<dimension ref=\"A1\"/><sheetData/><pageMargins left=\"0.7\"/>"),
        ["sheet data without rows"] = Part("<sheetData></sheetData>"),
        ["sheet data with only spaces"] = Part("<sheetData>\n  \n</sheetData>"),
        ["prefixed elements as the template writes them"] = Part(
            $"<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>P</x:t><x:rPh><x:t>p</x:t></x:rPh></x:is></x:c></x:row></x:sheetData>"
            + "<x:tableParts count=\"1\"><x:tablePart r:id=\"R1\" xmlns:r=\"urn:r\" /></x:tableParts>",
            prologue: "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>", root: $"<x:worksheet xmlns:x=\"{MainNs}\">", end: "</x:worksheet>"),
        ["prefixes declared inside, on the element itself and redeclared"] = Part(
            $"<sheetData><p:row xmlns:p=\"{MainNs}\" r=\"1\"><p:c r=\"A1\"><p:v>1</p:v></p:c><q:c xmlns:q=\"urn:q\" q:r=\"Z9\"><q:v>2</q:v></q:c></p:row>"
            + $"<row r=\"2\" xmlns:p=\"urn:other\" p:r=\"7\"><c r=\"A2\" xmlns=\"urn:default\"><v>3</v></c><c xmlns=\"\"><v>4</v></c></row></sheetData>"),
        ["as Excel writes it, with markup compatibility"] = Part(
            "<dimension ref=\"A1:H3\"/><sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"><selection activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\" x14ac:dyDescent=\"0.25\"/><cols><col min=\"1\" max=\"1\" width=\"8\" customWidth=\"1\"/></cols>"
            + Data("<row r=\"1\" spans=\"1:8\" x14ac:dyDescent=\"0.25\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>45717</v></c></row>"
                   + "<row r=\"3\" spans=\"1:8\" ht=\"20.25\" customHeight=\"1\" x14ac:dyDescent=\"0.3\"><c r=\"H3\" t=\"s\"><v>3</v></c></row>")
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>",
            root: $"<worksheet xmlns=\"{MainNs}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
                  + "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"x14ac xr xr2 xr3\" "
                  + "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\" xmlns:xr=\"http://schemas.microsoft.com/office/spreadsheetml/2014/revision\" "
                  + "xr:uid=\"{00000000-0001-0000-0000-000000000000}\">"),
        ["rows before the sheet data are not rows"] = Part(
            "<sheetPr><row r=\"99\"><c r=\"A99\"><v>1</v></c></row></sheetPr><sheetData><row r=\"1\"><c r=\"A1\"><v>2</v></c></row></sheetData>"),
        ["whatever follows the sheet data is not read"] = Part(
            "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData><mergeCells><foo></bar>&undefined; <!-- --> <![CDATA[x]]>", end: "\u0001"),
        ["text between rows and cells"] = Part(Data("hello<row r=\"1\">row text<c r=\"A1\">cell text<v>1</v> &amp; more</c> &#233; </row> bye")),
        ["unknown elements in a cell"] = Part(Data(
            "<row r=\"1\"><c r=\"A1\"><extLst><ext uri=\"{x}\"><foo a=\"1\"><bar/></foo></ext></extLst><v>1</v></c><c r=\"B1\" t=\"str\"><x/><v>y</v><z>t</z></c></row>")),
        ["pretty-printed"] = Part(
            "\n  <sheetData>\n    <row r=\"1\">\n      <c r=\"A1\" t=\"inlineStr\">\n        <is>\n          <t>x</t>\n        </is>\n      </c>\n"
            + "      <c r=\"B1\">\n        <v>1</v>\n      </c>\n    </row>\n  </sheetData>\n", prologue: Declaration + "\r\n"),
        ["no declaration, single quotes, standalone"] = Part(Data("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), prologue: "\n\t "),
        ["declaration variants"] = Part(Data("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), prologue: "<?xml version='1.0' standalone='no' ?>\n"),
        ["declaration without encoding"] = Part(Data("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), prologue: "<?xml version = \"1.0\"?>"),
        ["shared string index out of range"] = Part(Data("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>5</v></c></row><row r=\"3\"/>")),
        ["shared string index that is not a number"] = Part(Data("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v> 1</v></c></row>")),
        ["shared string index too large for an int"] = Part(Data("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>2147483648</v></c></row>")),
        ["shared string index of spaces only"] = Part(Data("<row r=\"1\"><c r=\"A1\" t=\"s\"><v> </v></c></row>")),
        ["a long text straddling many buffers"] = Part(Data(
            $"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{string.Concat(Enumerable.Repeat("Éloïse &amp; 😀 \r\n ]] ", 3000))}</t></is></c><c r=\"B1\"><v>{new string('1', 5000)}</v></c></row>")),
        ["long tags"] = Part(Data($"<row r=\"1\" spans=\"{new string('1', 70_000)}\"><c r=\"A1\" {string.Concat(Enumerable.Range(0, 200).Select(i => $"a{i}=\"{i}\" "))}><v>1</v></c></row>")),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void The_scanner_reads_the_sheet_as_XmlReader_does_at_every_buffer_size(string name) =>
        AssertSame(Workbook(Variants[name]), fallback: false);

    [Fact]
    public void The_template_is_read_as_XmlReader_reads_it_end_to_end()
    {
        var rows = Enumerable.Range(0, 3_000).Select(i => new TemplateRow(1 + (i % 3), $"P-{i % 700:000000}", "73282932000074", i % 2 == 0 ? "CDI" : "ETTI",
            new DateOnly(2025, 1 + (i % 12), 1), 1 + (i % 150) + (i % 4 * 0.25m), i % 5 == 0 ? 100.5m + i : null, i % 7 == 0 ? $"FAC-{i}" : null)).ToList();
        foreach (var xlsx in new[] { HoursTemplateTests.Template(), HoursTemplateTests.Template(HoursTemplateTests.Input(rows)) })
        {
            var expected = ReadWorkbook(xlsx, XmlReaderOnly);
            foreach (var size in new[] { Utf8XmlScanner.DefaultBufferSize, 7, 1000 })
                Assert.Equal(expected, ReadWorkbook(xlsx, new SheetReaderOptions(BufferSize: size)));
        }
        Assert.Contains("ETTI", ReadWorkbook(HoursTemplateTests.Template(HoursTemplateTests.Input(rows)), SheetReaderOptions.Default), StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_sheet_is_read_without_falling_back()
    {
        var xlsx = HoursTemplateTests.Template();
        using var package = XlsxPackage.Open(new MemoryStream(xlsx), new WorkbookLimits(), default);
        var heures = package.Sheets.Single(s => s.Name == "Heures");
        var shared = HoursWorkbookReader.LoadSharedStrings(package, default);
        using var source = new SheetRowSource(() => package.OpenPart(heures.PartPath), shared, SheetReaderOptions.Default);
        var slots = Enumerable.Range(0, 8).Select(_ => new RawCell()).ToArray();
        var rows = 0;
        while (source.NextRow([0, 1, 2, 3, 4, 5, 6, 7], slots, out _)) rows++;
        Assert.Null(source.FallbackReason);
        Assert.Equal(4, rows);
    }

    [Fact]
    public void The_reader_tests_workbooks_are_read_the_same_way()
    {
        var xlsx = TestXlsx.Build([new TestXlsx.Sheet("Heures", TestXlsx.TemplateHeader() + string.Concat(Enumerable.Range(2, 300).Select(r => TestXlsx.Row(r,
            ("A", r % 4), ("B", $"DUPONT Marie – P-{r:000000}"), ("C", "73282932000074"), ("D", r % 3 == 0 ? "ETTI" : "Embauche directe en CDI"),
            ("E", r % 5 == 0 ? TestXlsx.Date(new DateOnly(2025, 3, 1), TestXlsx.MonthStyle) : "03/2025"), ("F", r % 11 == 0 ? "trente" : (object)(r % 250)),
            ("G", r % 13 == 0 ? TestXlsx.Formula("F2*2", "4") : 100), ("H", r % 17 == 0 ? TestXlsx.Shared(0) : "CT-1"), ("J", "ignored")))))],
            ["=cmd"]);
        var expected = ReadWorkbook(xlsx, XmlReaderOnly);
        Assert.Contains("Les formules ne sont pas acceptées", expected, StringComparison.Ordinal);
        foreach (var size in new[] { Utf8XmlScanner.DefaultBufferSize, 1, 9, 333 })
            Assert.Equal(expected, ReadWorkbook(xlsx, new SheetReaderOptions(BufferSize: size)));
    }
}
