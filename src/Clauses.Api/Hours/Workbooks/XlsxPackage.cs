using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>One worksheet as listed by workbook.xml, with its part path inside the zip.</summary>
internal sealed record SheetInfo(string Name, string RelationshipId, string PartPath, bool Hidden, int Index);

/// <summary>
/// Safe access to the parts of an .xlsx: sniffing, size and zip-bomb guards (declared sizes and bytes counted while inflating),
/// DTD-free XML readers and the workbook's sheet list. Holds nothing but the zip's central directory.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    internal const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    internal const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    internal const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    internal const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";

    /// <summary>Compression ratios are only enforced beyond this size: small parts (styles, tiny sheets) legitimately compress very well.</summary>
    internal const long RatioThresholdBytes = 1L << 20;
    private const int MaxEntries = 10_000;

    internal const string NotXlsx = "Le fichier n'est pas un classeur Excel (.xlsx).";
    internal const string Corrupt = "Le classeur est endommagé ou incomplet : enregistrez-le à nouveau dans Excel puis renvoyez-le.";
    internal const string DtdForbidden = "Le classeur contient une déclaration DTD interdite.";

    private readonly ZipArchive _zip;
    private readonly Stream? _ownedCopy;
    private readonly WorkbookLimits _limits;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public string WorkbookPath { get; }
    public bool Date1904 { get; private set; }
    public IReadOnlyList<SheetInfo> Sheets { get; private set; } = [];
    /// <summary>Workbook relationships: id → (type, resolved part path).</summary>
    public IReadOnlyDictionary<string, (string Type, string Path)> WorkbookRelationships { get; private set; } = new Dictionary<string, (string, string)>();
    public IEnumerable<ZipArchiveEntry> Entries => _zip.Entries;

    private XlsxPackage(ZipArchive zip, Stream? ownedCopy, WorkbookLimits limits)
    {
        _zip = zip;
        _ownedCopy = ownedCopy;
        _limits = limits;
        foreach (var entry in zip.Entries) _entries.TryAdd(entry.FullName.TrimStart('/'), entry);
        WorkbookPath = FindWorkbookPath();
    }

    public static XlsxPackage Open(Stream source, WorkbookLimits limits, CancellationToken ct)
    {
        Stream? copy = null;
        var stream = source;
        if (!source.CanSeek)
        {
            // ZipArchive needs to seek to the central directory: spool to a temporary file, counting bytes.
            copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                total += read;
                if (total > limits.MaxFileBytes) { copy.Dispose(); throw TooLarge(limits.MaxFileBytes); }
                copy.Write(buffer, 0, read);
            }
            copy.Position = 0;
            stream = copy;
        }
        try
        {
            if (stream.Length - stream.Position > limits.MaxFileBytes) throw TooLarge(limits.MaxFileBytes);
            Sniff(stream);
            ZipArchive zip;
            try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
            catch (InvalidDataException) { throw new WorkbookRejectedException(400, Corrupt); }
            try
            {
                var entries = zip.Entries;
                if (entries.Count > MaxEntries) throw new WorkbookRejectedException(413, "Le classeur contient trop de parties.");
                foreach (var entry in entries) CheckDeclaredSize(entry, limits);
                var package = new XlsxPackage(zip, copy, limits);
                package.LoadWorkbook();
                return package;
            }
            catch
            {
                zip.Dispose();
                throw;
            }
        }
        catch
        {
            copy?.Dispose();
            throw;
        }
    }

    private static void Sniff(Stream stream)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[8];
        var n = 0;
        while (n < head.Length)
        {
            var r = stream.Read(head[n..]);
            if (r == 0) break;
            n += r;
        }
        stream.Position = start;
        if (n >= 8 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0 && head[4] == 0xA1 && head[5] == 0xB1)
            throw new WorkbookRejectedException(415,
                "Le fichier est un ancien classeur Excel (.xls) ou un classeur protégé par mot de passe : enregistrez-le au format .xlsx, sans mot de passe.");
        if (n < 4 || head[0] != (byte)'P' || head[1] != (byte)'K' || head[2] is not (3 or 5 or 7) || head[3] is not (4 or 6 or 8))
            throw new WorkbookRejectedException(415, NotXlsx);
    }

    internal static WorkbookRejectedException TooLarge(long maxBytes) =>
        new(413, $"Le fichier dépasse la taille maximale acceptée ({FormatMegabytes(maxBytes)}).");

    private static string FormatMegabytes(long bytes) =>
        bytes >= 1_000_000 ? $"{(bytes / 1_000_000).ToString(CultureInfo.InvariantCulture)} Mo" : $"{bytes.ToString(CultureInfo.InvariantCulture)} octets";

    internal static WorkbookRejectedException Bomb() =>
        new(413, "Le classeur est anormalement volumineux une fois décompressé : il a été refusé.");

    private static void CheckDeclaredSize(ZipArchiveEntry entry, WorkbookLimits limits)
    {
        if (entry.Length > limits.MaxUncompressedBytes) throw Bomb();
        if (entry.Length > RatioThresholdBytes && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1)) throw Bomb();
    }

    public bool Exists(string path) => _entries.ContainsKey(path.TrimStart('/'));

    public ZipArchiveEntry? Entry(string path) => _entries.GetValueOrDefault(path.TrimStart('/'));

    /// <summary>Opens a part for reading, counting inflated bytes against the limits whatever the zip headers claim.</summary>
    public Stream OpenPart(string path)
    {
        var entry = Entry(path) ?? throw new WorkbookRejectedException(400, Corrupt);
        Stream inner;
        try { inner = entry.Open(); }
        catch (InvalidDataException) { throw new WorkbookRejectedException(400, Corrupt); }
        catch (NotSupportedException) { throw new WorkbookRejectedException(415, NotXlsx); }
        return new InflateGuardStream(inner, entry.CompressedLength, _limits);
    }

    public static XmlReaderSettings ReaderSettings(bool ignoreWhitespace) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = ignoreWhitespace,
        CloseInput = true,
        NameTable = new NameTable(),
        MaxCharactersFromEntities = 0,
    };

    public XmlReader OpenXml(string path, bool ignoreWhitespace = true) =>
        XmlReader.Create(OpenPart(path), ReaderSettings(ignoreWhitespace));

    /// <summary>Maps the exceptions thrown while reading a part to a rejection.</summary>
    public static WorkbookRejectedException Translate(Exception ex) => ex switch
    {
        WorkbookRejectedException rejected => rejected,
        XmlException xml when xml.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) => new(400, DtdForbidden),
        XmlException => new(400, Corrupt),
        InvalidDataException => new(400, Corrupt),
        EndOfStreamException => new(400, Corrupt),
        _ => throw new InvalidOperationException("Unexpected error while reading a workbook.", ex),
    };

    private string FindWorkbookPath()
    {
        if (!Exists("[Content_Types].xml") || !Exists("_rels/.rels")) throw new WorkbookRejectedException(415, NotXlsx);
        string? found = null;
        foreach (var (_, type, target) in ReadRelationships("_rels/.rels", ""))
        {
            if (type.EndsWith("/officeDocument", StringComparison.Ordinal)) { found = target; break; }
        }
        if (found is null || !found.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || !Exists(found))
            throw new WorkbookRejectedException(415, NotXlsx);
        return found;
    }

    private void LoadWorkbook()
    {
        var relsPath = RelationshipsPathOf(WorkbookPath);
        var rels = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (Exists(relsPath))
        {
            foreach (var (id, type, target) in ReadRelationships(relsPath, DirectoryOf(WorkbookPath))) rels.TryAdd(id, (type, target));
        }
        WorkbookRelationships = rels;
        var sheets = new List<SheetInfo>();
        try
        {
            using var xr = OpenXml(WorkbookPath);
            while (xr.Read())
            {
                if (xr.NodeType != XmlNodeType.Element) continue;
                if (xr.LocalName == "workbookPr")
                {
                    var d = xr.GetAttribute("date1904");
                    Date1904 = d is "1" or "true";
                }
                else if (xr.LocalName == "sheet")
                {
                    var name = xr.GetAttribute("name") ?? "";
                    var id = xr.GetAttribute("id", RelationshipsNs) ?? xr.GetAttribute("r:id") ?? "";
                    var state = xr.GetAttribute("state");
                    if (rels.TryGetValue(id, out var rel) && rel.Item1.EndsWith("/worksheet", StringComparison.Ordinal))
                        sheets.Add(new SheetInfo(name, id, rel.Item2, state is "hidden" or "veryHidden", sheets.Count));
                }
            }
        }
        catch (Exception ex) when (ex is not WorkbookRejectedException) { throw Translate(ex); }
        Sheets = sheets;
    }

    public string? RelatedPart(string typeSuffix)
    {
        foreach (var (type, path) in WorkbookRelationships.Values)
            if (type.EndsWith(typeSuffix, StringComparison.Ordinal) && Exists(path)) return path;
        return null;
    }

    public List<(string Id, string Type, string Target)> ReadRelationships(string relsPath, string baseDirectory)
    {
        var list = new List<(string, string, string)>();
        try
        {
            using var xr = OpenXml(relsPath);
            while (xr.Read())
            {
                if (xr.NodeType != XmlNodeType.Element || xr.LocalName != "Relationship") continue;
                if (xr.GetAttribute("TargetMode") == "External") continue;
                list.Add((xr.GetAttribute("Id") ?? "", xr.GetAttribute("Type") ?? "", ResolveTarget(baseDirectory, xr.GetAttribute("Target") ?? "")));
            }
        }
        catch (Exception ex) when (ex is not WorkbookRejectedException) { throw Translate(ex); }
        return list;
    }

    public static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..(slash + 1)];
    }

    public static string FileNameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string RelationshipsPathOf(string partPath) => $"{DirectoryOf(partPath)}_rels/{FileNameOf(partPath)}.rels";

    public static string ResolveTarget(string baseDirectory, string target)
    {
        target = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var combined = target.StartsWith('/') ? target[1..] : baseDirectory + target;
        var parts = new List<string>();
        foreach (var segment in combined.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(segment);
        }
        return string.Join('/', parts);
    }

    public void Dispose()
    {
        _zip.Dispose();
        _ownedCopy?.Dispose();
    }
}

/// <summary>Counts inflated bytes; throws a 413 rejection past the size or ratio limit (zip bombs lying about their sizes).</summary>
internal sealed class InflateGuardStream(Stream inner, long compressedLength, WorkbookLimits limits) : Stream
{
    private readonly long _ratioLimit = Math.Max(XlsxPackage.RatioThresholdBytes, limits.MaxCompressionRatio * Math.Max(compressedLength, 1));
    private long _total;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try { n = inner.Read(buffer); }
        catch (InvalidDataException) { throw new WorkbookRejectedException(400, XlsxPackage.Corrupt); }
        _total += n;
        if (_total > limits.MaxUncompressedBytes || _total > _ratioLimit) throw XlsxPackage.Bomb();
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _total; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
