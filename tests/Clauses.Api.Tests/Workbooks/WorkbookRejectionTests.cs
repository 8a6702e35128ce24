using System.IO.Compression;
using System.Text;
using Clauses.Api.Hours.Workbooks;
using static Clauses.Api.Tests.Workbooks.TestXlsx;

namespace Clauses.Api.Tests.Workbooks;

public class WorkbookRejectionTests
{
    private static byte[] Valid() => HoursTemplateTests.Template();

    [Fact]
    public void Bytes_that_are_not_a_zip_are_415()
    {
        var rejected = Rejection(Encoding.UTF8.GetBytes("Lot;Participant;Heures\n1;P-1;35\n"));
        Assert.Equal(415, rejected.Status);
        Assert.Equal("Le fichier n'est pas un classeur Excel (.xlsx).", rejected.Message);
        Assert.Equal(415, Rejection([]).Status);
    }

    [Fact]
    public void An_xls_or_encrypted_workbook_is_415()
    {
        var ole = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        var rejected = Rejection(ole);
        Assert.Equal(415, rejected.Status);
        Assert.Contains(".xls", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_415()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true)) Add(zip, "notes.txt", "bonjour");
        Assert.Equal(415, Rejection(ms.ToArray()).Status);
    }

    [Fact]
    public void A_truncated_workbook_is_400()
    {
        var valid = Valid();
        var rejected = Rejection(valid[..(valid.Length / 2)]);
        Assert.Equal(400, rejected.Status);
        Assert.Contains("endommagé", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_MaxFileBytes_is_413_also_from_a_forward_only_stream()
    {
        var valid = Valid();
        var limits = new WorkbookLimits(MaxFileBytes: valid.Length - 1);
        Assert.Equal(413, Rejection(valid, limits).Status);
        using var forwardOnly = new HoursWorkbookReaderTests.ForwardOnly(new MemoryStream(valid));
        var rejected = Assert.Throws<WorkbookRejectedException>(() =>
            HoursWorkbookReader.Read(forwardOnly, limits, Modalities, _ => { }, _ => { }));
        Assert.Equal(413, rejected.Status);
    }

    /// <summary>A workbook whose sheet is a 50 MB run of spaces inside the root element (compresses ~1000:1).</summary>
    private static byte[] Bomb()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var parts = ZipArchiveFromBytes(Build(new Sheet("Heures", TemplateHeader())));
            foreach (var (name, bytes) in parts)
            {
                if (name.EndsWith("sheet1.xml", StringComparison.Ordinal)) continue;
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            sheet.Write(Encoding.UTF8.GetBytes("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"));
            var spaces = new byte[1 << 20];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < 50; i++) sheet.Write(spaces);
            sheet.Write(Encoding.UTF8.GetBytes("<sheetData/></worksheet>"));
        }
        return ms.ToArray();
    }

    private static List<(string Name, byte[] Bytes)> ZipArchiveFromBytes(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.Select(e =>
        {
            using var s = e.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToList();
    }

    [Fact]
    public void An_entry_inflating_past_MaxUncompressedBytes_is_413()
    {
        var rejected = Rejection(Bomb(), new WorkbookLimits(MaxUncompressedBytes: 1_000_000, MaxCompressionRatio: 100_000));
        Assert.Equal(413, rejected.Status);
    }

    [Fact]
    public void An_entry_with_a_compression_ratio_over_the_limit_is_413()
    {
        var rejected = Rejection(Bomb());
        Assert.Equal(413, rejected.Status);
        Assert.Contains("décompressé", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bomb_lying_about_its_sizes_is_still_rejected()
    {
        // Patch the declared uncompressed size of the sheet (local header and central directory) down to 1 000 bytes.
        var bomb = Bomb();
        var name = Encoding.ASCII.GetBytes("xl/worksheets/sheet1.xml");
        var patched = 0;
        for (var i = 0; i + 46 < bomb.Length; i++)
        {
            if (bomb[i] == 'P' && bomb[i + 1] == 'K' && bomb[i + 2] == 3 && bomb[i + 3] == 4 && bomb.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bomb.AsSpan(i + 22, 4), 1000);
                patched++;
            }
            if (bomb[i] == 'P' && bomb[i + 1] == 'K' && bomb[i + 2] == 1 && bomb[i + 3] == 2 && bomb.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bomb.AsSpan(i + 24, 4), 1000);
                patched++;
            }
        }
        Assert.Equal(2, patched);
        var rejected = Rejection(bomb, new WorkbookLimits(MaxUncompressedBytes: 1_000_000));
        Assert.True(rejected.Status is 400 or 413, rejected.Message);
    }

    [Fact]
    public void Inflated_bytes_are_counted_whatever_the_headers_say()
    {
        var limits = new WorkbookLimits(MaxUncompressedBytes: 3_000_000, MaxCompressionRatio: 200);
        using var guarded = new InflateGuardStream(new MemoryStream(new byte[4_000_000]), compressedLength: 1_000_000, limits);
        var buffer = new byte[81920];
        long total = 0;
        var rejected = Assert.Throws<WorkbookRejectedException>(() => { int n; while ((n = guarded.Read(buffer)) > 0) total += n; });
        Assert.Equal(413, rejected.Status);
        Assert.InRange(total, 2_900_000, 3_000_000);

        using var ratio = new InflateGuardStream(new MemoryStream(new byte[4_000_000]), compressedLength: 10_000, new WorkbookLimits());
        Assert.Equal(413, Assert.Throws<WorkbookRejectedException>(() => { while (ratio.Read(buffer) > 0) { } }).Status);
    }

    [Theory]
    [InlineData("sheet")]
    [InlineData("sharedStrings")]
    [InlineData("workbook")]
    public void A_DTD_or_external_entity_in_any_part_is_400(string part)
    {
        const string doctype = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>";
        var parts = ZipArchiveFromBytes(Build([new Sheet("Heures", TemplateHeader() + Row(2, ("A", 1), ("B", new Raw("<c r=\"{r}\" t=\"s\"><v>0</v></c>"))))], ["&e;"]));
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts)
            {
                var text = Encoding.UTF8.GetString(bytes);
                if (name.Contains(part, StringComparison.Ordinal) && name.EndsWith(".xml", StringComparison.Ordinal))
                    text = text.Replace("?>", "?>" + doctype, StringComparison.Ordinal);
                if (part == "sheet" && name.EndsWith("sheet1.xml", StringComparison.Ordinal))
                    text = text.Replace("</sheetData>", "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData>", StringComparison.Ordinal);
                Add(zip, name, text);
            }
        }
        var rejected = Rejection(ms.ToArray());
        Assert.Equal(400, rejected.Status);
        Assert.Equal("Le classeur contient une déclaration DTD interdite.", rejected.Message);
    }

    /// <summary>A workbook whose sheet has the template header then <paramref name="rows"/> data rows, streamed into the zip entry.</summary>
    private static byte[] ManyRows(int rows)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in ZipArchiveFromBytes(Build(new Sheet("Heures", ""))))
            {
                if (name.EndsWith("sheet1.xml", StringComparison.Ordinal)) continue;
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            using var writer = new StreamWriter(sheet, new UTF8Encoding(false), 1 << 16);
            writer.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            writer.Write(TemplateHeader());
            for (var r = 2; r <= rows + 1; r++)
            {
                writer.Write("<row r=\"");
                writer.Write(r);
                writer.Write("\"><c r=\"A");
                writer.Write(r);
                writer.Write("\"><v>1</v></c><c r=\"B");
                writer.Write(r);
                writer.Write("\" t=\"inlineStr\"><is><t>P-1</t></is></c><c r=\"D");
                writer.Write(r);
                writer.Write("\" t=\"inlineStr\"><is><t>CDI</t></is></c><c r=\"E");
                writer.Write(r);
                writer.Write("\" s=\"1\"><v>45717</v></c><c r=\"F");
                writer.Write(r);
                writer.Write("\"><v>");
                writer.Write(r % 200);
                writer.Write("</v></c></row>");
            }
            writer.Write("</sheetData></worksheet>");
        }
        return ms.ToArray();
    }

    [Fact]
    public void More_than_MaxRows_data_rows_is_413()
    {
        var xlsx = ManyRows(200_001);
        var rejected = Rejection(xlsx, new WorkbookLimits(MaxRows: 200_000));
        Assert.Equal(413, rejected.Status);
        Assert.StartsWith("Le classeur dépasse 200 000 lignes", rejected.Message, StringComparison.Ordinal);

        var (rows, errors, summary) = Read(xlsx, new WorkbookLimits(MaxRows: 200_001));
        Assert.Equal(200_001, summary.Rows);
        Assert.Equal(200_001, rows.Count);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_million_row_sheet_is_cut_off_at_MaxRows_without_reading_it_all()
    {
        var xlsx = ManyRows(1_000_000);
        using var source = new CountingStream(new MemoryStream(xlsx));
        var rows = 0;
        var rejected = Assert.Throws<WorkbookRejectedException>(() =>
            HoursWorkbookReader.Read(source, new WorkbookLimits(MaxRows: 200_000), Modalities, _ => rows++, _ => { }));
        Assert.Equal(413, rejected.Status);
        Assert.Equal(200_000, rows);
        Assert.True(source.BytesRead < xlsx.Length / 2, $"{source.BytesRead} of {xlsx.Length} bytes read");
    }

    [Fact]
    public void A_workbook_without_recognisable_headers_is_400()
    {
        var rejected = Rejection(Build(new Sheet("Feuil1", Row(1, ("A", "Nom du chantier"), ("B", "Adresse")) + Row(2, ("A", "École"), ("B", "Rue")))));
        Assert.Equal(400, rejected.Status);
        Assert.StartsWith("Aucune feuille", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_columns_are_named()
    {
        var rejected = Rejection(Build(new Sheet("Heures", Row(1, ("A", "Lot"), ("B", "Participant"), ("C", "Heures"), ("D", "Justificatif")))));
        Assert.Equal(400, rejected.Status);
        Assert.Equal("La feuille « Heures » ne contient pas les colonnes obligatoires : Modalité, Période.", rejected.Message);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
