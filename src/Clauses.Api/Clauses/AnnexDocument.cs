using System.Globalization;
using Clauses.Api.Relevance;
using Clauses.Core.Clauses;
using Clauses.Core.Common;
using Clauses.Core.Relevance;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Clauses.Api.Clauses;

/// <summary>
/// "Annexe – clauses sociales" of a contract as a .docx: a summary table, then each lot with its
/// relevance outcome and its clauses, each in the same tagged content control as in the Word pane,
/// so the annex can itself be checked and updated by the add-in.
/// </summary>
public static class AnnexDocument
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public sealed record Contract(string Reference, string Title, string BuyerName, decimal AmountHt);

    public static byte[] Build(Contract contract, IReadOnlyList<LotRelevance> lots, IReadOnlyList<ClauseRendering.Rendered> clauses, DateOnly today)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            body.Append(Styled("Title", "Annexe – clauses sociales"));
            body.Append(Styled("Subtitle", $"Marché {contract.Reference} – {contract.Title}"));
            body.Append(Plain($"Acheteur : {contract.BuyerName}"));
            body.Append(Plain($"Montant estimé : {Euros.Format(contract.AmountHt)} HT"));
            body.Append(Plain($"Document établi le {today.ToString("d MMMM yyyy", French)} à partir des données de Clauses."));
            body.Append(Summary(lots, clauses));
            foreach (var lot in lots)
            {
                body.Append(Styled("Heading1", $"Lot {lot.Number} – {lot.Title}"));
                body.Append(Plain(Outcome(lot)));
                foreach (var clause in clauses.Where(c => c.Clause.LotId == lot.LotId))
                    body.Append(ClauseOoxml.Control(clause));
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static string Outcome(LotRelevance lot) => lot.Outcome switch
    {
        RelevanceOutcome.Pertinent => "Analyse de pertinence : " + string.Join(", ", lot.Instruments.Select(i => Instrument.Terms.Find(i)?.Label ?? i)) + ".",
        RelevanceOutcome.NonPertinent => "Analyse de pertinence : aucune considération sociale retenue — "
            + (RelevanceReason.Terms.Find(lot.Reason)?.Label ?? lot.Reason) + (lot.Comment is null ? "." : $" ({lot.Comment})."),
        _ => "Analyse de pertinence à réaliser.",
    };

    private static Table Summary(IReadOnlyList<LotRelevance> lots, IReadOnlyList<ClauseRendering.Rendered> clauses)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(Row(true, "Lot", "Intitulé", "Instrument", "Volume d'insertion"));
        foreach (var lot in lots)
        {
            var onLot = clauses.Where(c => c.Clause.LotId == lot.LotId).ToList();
            if (onLot.Count == 0)
                table.Append(Row(false, lot.Number.ToString(French), lot.Title, lot.Outcome == RelevanceOutcome.NonPertinent ? "Non pertinent" : "—", "—"));
            foreach (var c in onLot)
                table.Append(Row(false, lot.Number.ToString(French), lot.Title, Instrument.Terms.Find(c.Clause.Instrument)?.Label ?? c.Clause.Instrument, Volume(c.Clause)));
        }
        return table;
    }

    private static string Volume(ClauseRow c) => c switch
    {
        { TargetHours: { } h } => h.ToString("#,0", French) + " h",
        { SizingMode: "pourcentage_heures", InsertionRate: { } r } => (r * 100).ToString("0.##", French) + " % des heures travaillées",
        { AwardWeight: { } w } => "Pondération " + w.ToString("0.##", French) + " %",
        _ => "—",
    };

    private static TableRow Row(bool header, params string[] cells) => new(cells.Select(text => new TableCell(
        new TableCellProperties(header ? new Shading { Val = ShadingPatternValues.Clear, Fill = "DCE6F2" } : new Shading { Val = ShadingPatternValues.Nil }),
        new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }),
            new Run(header ? new RunProperties(new Bold()) : new RunProperties(), new Text(text) { Space = SpaceProcessingModeValues.Preserve })))));

    private static Paragraph Styled(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Plain(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Styles Styles()
    {
        static Style Paragraph(string id, string name, int size, bool bold, string color, int before, int after) => new(
            new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = before.ToString(French), After = after.ToString(French) }),
            new StyleRunProperties(bold ? new Bold() : new Bold { Val = false }, new Color { Val = color }, new FontSize { Val = size.ToString(French) }))
        { Type = StyleValues.Paragraph, StyleId = id };

        return new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" },
                    new FontSize { Val = "21" }, new Languages { Val = "fr-FR" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Paragraph("Title", "Title", 40, true, "1F3864", 0, 120),
            Paragraph("Subtitle", "Subtitle", 26, false, "2F5496", 0, 240),
            Paragraph("Heading1", "heading 1", 28, true, "2F5496", 360, 120));
    }
}
