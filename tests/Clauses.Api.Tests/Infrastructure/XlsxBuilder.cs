using System.IO.Compression;
using System.Security;
using System.Text;

namespace Clauses.Api.Tests.Infrastructure;

/// <summary>
/// Writes small .xlsx files by hand (inline strings, numbers, formulas, raw XML), so tests can build
/// exactly the workbook a case needs — including the broken and hostile ones.
/// </summary>
public static class XlsxBuilder
{
    public abstract record Cell;
    public sealed record Text(string Value) : Cell;
    public sealed record Number(decimal Value) : Cell;
    public sealed record Formula(string Expression, string CachedValue) : Cell;

    public static readonly string[] Headers = ["Lot", "Participant", "SIRET employeur", "Modalité", "Période", "Heures", "Justificatif"];

    /// <summary>A sheet "Heures" with the usual headers and the given rows.</summary>
    public static byte[] HoursSheet(IEnumerable<Cell[]> rows) => Build(new[] { Headers.Select(h => (Cell)new Text(h)).ToArray() }.Concat(rows));

    public static byte[] Build(IEnumerable<Cell[]> rows, string? doctype = null)
    {
        var sheet = new StringBuilder();
        sheet.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        if (doctype is not null) sheet.Append(doctype);
        sheet.Append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var r = 0;
        foreach (var row in rows)
        {
            r++;
            sheet.Append("<row r=\"").Append(r).Append("\">");
            for (var c = 0; c < row.Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r}";
                switch (row[c])
                {
                    case Text t:
                        sheet.Append("<c r=\"").Append(reference).Append("\" t=\"inlineStr\"><is><t>").Append(SecurityElement.Escape(t.Value)).Append("</t></is></c>");
                        break;
                    case Number n:
                        sheet.Append("<c r=\"").Append(reference).Append("\"><v>").Append(n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</v></c>");
                        break;
                    case Formula f:
                        sheet.Append("<c r=\"").Append(reference).Append("\"><f>").Append(SecurityElement.Escape(f.Expression)).Append("</f><v>").Append(f.CachedValue).Append("</v></c>");
                        break;
                }
            }
            sheet.Append("</row>");
        }
        sheet.Append("</sheetData></worksheet>");
        return Package(sheet.ToString());
    }

    /// <summary>A workbook whose single sheet is the given XML.</summary>
    public static byte[] Package(string sheetXml, CompressionLevel level = CompressionLevel.Fastest) =>
        Package(stream => stream.Write(Encoding.UTF8.GetBytes(sheetXml)), level);

    public static byte[] Package(Action<Stream> writeSheet, CompressionLevel level = CompressionLevel.Fastest)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, level).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
            Entry("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                </Types>
                """);
            Entry("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """);
            Entry("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="Heures" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Entry("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                </Relationships>
                """);
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", level).Open();
            writeSheet(sheet);
        }
        return stream.ToArray();
    }

    /// <summary>A valid workbook whose sheet inflates to <paramref name="inflatedBytes"/> of blanks: a zip bomb.</summary>
    public static byte[] Bomb(long inflatedBytes) => Package(sheet =>
    {
        var block = new byte[1 << 20];
        Array.Fill(block, (byte)' ');
        sheet.Write("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
        for (long written = 0; written < inflatedBytes; written += block.Length) sheet.Write(block);
        sheet.Write("</sheetData></worksheet>"u8);
    }, CompressionLevel.SmallestSize);

    /// <summary>A sheet of <paramref name="rows"/> identical data rows, streamed into the zip so the test stays light.</summary>
    public static byte[] ManyRows(int rows) => Package(stream =>
    {
        using var sheet = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        sheet.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        sheet.Write("<row r=\"1\">" + string.Concat(Headers.Select((h, i) => $"<c r=\"{(char)('A' + i)}1\" t=\"inlineStr\"><is><t>{h}</t></is></c>")) + "</row>");
        for (var r = 2; r <= rows + 1; r++)
            sheet.Write($"<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>P-000001</t></is></c><c r=\"F{r}\"><v>7</v></c></row>");
        sheet.Write("</sheetData></worksheet>");
    });
}
