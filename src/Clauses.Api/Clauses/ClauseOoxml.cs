using Clauses.Core.Wordings;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Clauses.Api.Clauses;

/// <summary>OOXML for Word: the clause's paragraphs, optionally inside a rich-text content control.</summary>
public static class ClauseOoxml
{
    /// <summary>A flat-OPC package (pkg:package) that Word's Range.insertOoxml accepts.</summary>
    public static string FlatOpc(ClauseRendering.Rendered r, bool withControl)
    {
        using var stream = new MemoryStream();
        using var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        var body = new Body();
        if (withControl) body.Append(Control(r));
        else body.Append(Paragraphs(r.Wording));
        main.Document = new Document(body);
        main.Document.Save();
        return doc.ToFlatOpcString();
    }

    /// <summary>The rich-text content control (w:sdt) that carries the clause in a document.</summary>
    public static SdtBlock Control(ClauseRendering.Rendered r) => new(
        new SdtProperties(
            new SdtAlias { Val = r.ControlTitle },
            new Tag { Val = r.Tag },
            new SdtId { Val = ControlId(r.Clause.Id) }),
        new SdtContentBlock(Paragraphs(r.Wording)));

    // The wording's own first "titre" block names the clause; its library title stays in the control's alias.
    public static IEnumerable<OpenXmlElement> Paragraphs(RenderedWording w)
    {
        foreach (var block in w.Blocks)
        {
            yield return block.Kind switch
            {
                "titre" => Paragraph(block.Text, bold: true, keepNext: true),
                "puce" => Bullet(block.Text),
                _ => Paragraph(block.Text),
            };
        }
    }

    private static Paragraph Paragraph(string text, bool bold = false, bool keepNext = false)
    {
        var props = new ParagraphProperties(new SpacingBetweenLines { After = "120" }, new Justification { Val = JustificationValues.Both });
        if (keepNext) props.PrependChild(new KeepNext());
        var runProps = new RunProperties();
        if (bold) runProps.Append(new Bold());
        return new Paragraph(props, new Run(runProps, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    // A hanging indent with an en dash keeps bullets without a numbering part, which insertOoxml would have to merge.
    private static Paragraph Bullet(string text) => new(
        new ParagraphProperties(
            new SpacingBetweenLines { After = "60" },
            new Indentation { Left = "567", Hanging = "283" }),
        new Run(new Text("–") { Space = SpaceProcessingModeValues.Preserve }, new TabChar(), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    // Word wants a 32-bit id per control; derive it from the clause so it is stable across renders.
    private static int ControlId(Guid clauseId) => BitConverter.ToInt32(clauseId.ToByteArray(), 0) & 0x7FFFFFFF;
}
