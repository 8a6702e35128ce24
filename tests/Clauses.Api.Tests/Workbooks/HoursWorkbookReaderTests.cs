using Clauses.Api.Hours.Workbooks;
using static Clauses.Api.Tests.Workbooks.TestXlsx;

namespace Clauses.Api.Tests.Workbooks;

public class HoursWorkbookReaderTests
{
    [Fact]
    public void Facilitators_own_layout_with_synonyms_shuffled_and_extra_columns_and_French_text_values()
    {
        var xlsx = Build(new Sheet("Suivi", string.Concat(
            Row(1, ("A", "Commentaire"), ("B", "Nb heures"), ("C", "Réf. participant"), ("D", "Mois"), ("E", "N° lot"),
                ("F", "Mode de réalisation"), ("G", "Employeur (SIRET)"), ("H", "Montant HT"), ("I", "Pièce justificative"), ("J", "Divers")),
            Row(2, ("A", "ok"), ("B", "35,5"), ("C", "DUPONT Marie – P-000123"), ("D", "mars 2025"), ("E", 1), ("F", "embauche directe en cdi"),
                ("G", "732 829 320 00074"), ("H", "1\u00A0234,50"), ("I", "CT-1"), ("J", "x")),
            Row(3, ("B", 151.67m), ("C", "P-42"), ("D", "03/2025"), ("E", "Lot 2"), ("F", "ETTI"), ("G", new Raw("<c r=\"{r}\"><v>7.3282932000074E13</v></c>")),
                ("H", "2\u202F000"), ("I", 12345)),
            Row(4, ("B", "12"), ("C", "BERNARD Luc - P-7"), ("D", "Février 2025"), ("E", "2"), ("F", "sous-traitance à une SIAE"), ("G", "73282932000074")),
            Row(5, ("B", "7"), ("C", "P-7"), ("D", Date(new DateOnly(2025, 4, 17), MonthStyle)), ("E", 1), ("F", "CDI")),
            Row(6, ("B", "7"), ("C", "P-7"), ("D", "2025-05"), ("E", 1), ("F", "CDI")),
            Row(7, ("B", "7"), ("C", "P-7"), ("D", "15/06/2025"), ("E", 1), ("F", "CDI")),
            Row(8, ("B", "7"), ("C", "P-7"), ("D", "aout-25"), ("E", 1), ("F", "CDI")),
            Row(10, ("B", "7"), ("C", "P-7"), ("D", "2025-09-01"), ("E", 1), ("F", "CDI")))));

        var (rows, errors, summary) = Read(xlsx);

        Assert.Empty(errors);
        Assert.Equal("Suivi", summary.Sheet);
        Assert.Equal(new Dictionary<string, string>
        {
            ["hours"] = "B", ["participantReference"] = "C", ["period"] = "D", ["lotNumber"] = "E", ["modality"] = "F", ["employerSiret"] = "G",
            ["invoicedAmountHt"] = "H", ["evidenceReference"] = "I",
        }, summary.Columns);
        Assert.Equal(8, rows.Count);
        Assert.Equal(new ImportRow(2, 1, "P-000123", null, null, null, "73282932000074", "CDI", new ImportPeriod(new DateOnly(2025, 3, 1), "mois"),
            35.5m, 1234.50m, "CT-1"), rows[0]);
        Assert.Equal(new ImportRow(3, 2, "P-42", null, null, null, "73282932000074", "ETTI", new ImportPeriod(new DateOnly(2025, 3, 1), "mois"),
            151.67m, 2000m, "12345"), rows[1]);
        Assert.Equal("P-7", rows[2].ParticipantReference);
        Assert.Equal("SOUS_TRAITANCE_SIAE", rows[2].Modality);
        Assert.Equal(new DateOnly(2025, 2, 1), rows[2].Period!.Start);
        Assert.Equal(new[] { 4, 5, 6, 8 }.Select(m => new DateOnly(2025, m, 1)), rows.Skip(3).Take(4).Select(r => r.Period!.Start));
        Assert.Equal(10, rows[^1].Row);
        Assert.Equal(new DateOnly(2025, 9, 1), rows[^1].Period!.Start);
    }

    [Fact]
    public void Identity_columns_replace_the_reference_and_a_week_header_makes_weekly_periods()
    {
        var xlsx = Build(new Sheet("Heures", string.Concat(
            Row(1, ("A", "Numéro de lot"), ("B", "Nom"), ("C", "Prénom"), ("D", "Date de naissance"), ("E", "Type de contrat"), ("F", "Semaine"),
                ("G", "Heures réalisées")),
            Row(2, ("A", 1), ("B", "Dupont"), ("C", "Marie"), ("D", Date(new DateOnly(1990, 6, 5))), ("E", "CDI"), ("F", Date(new DateOnly(2025, 3, 6))), ("G", 35)),
            Row(3, ("A", 1), ("B", "Durand"), ("C", "Éric"), ("D", "05/06/1990"), ("E", "CDI"), ("F", "2025-W10"), ("G", "35")),
            Row(4, ("A", 1), ("B", "Durand"), ("C", "Éric"), ("D", "1990-06-05"), ("E", "CDI"), ("F", "S11 2025"), ("G", "35")))));

        var (rows, errors, summary) = Read(xlsx);

        Assert.Empty(errors);
        Assert.False(summary.Columns.ContainsKey("participantReference"));
        Assert.Equal(3, rows.Count);
        Assert.Equal(new ImportRow(2, 1, null, "Dupont", "Marie", new DateOnly(1990, 6, 5), null, "CDI",
            new ImportPeriod(new DateOnly(2025, 3, 3), "semaine"), 35m, null, null), rows[0]);
        Assert.Equal(new DateOnly(1990, 6, 5), rows[1].BirthDate);
        Assert.Equal(new ImportPeriod(new DateOnly(2025, 3, 3), "semaine"), rows[1].Period);
        Assert.Equal(new ImportPeriod(new DateOnly(2025, 3, 10), "semaine"), rows[2].Period);
    }

    [Theory]
    [InlineData("T1 2025", 2025, 1)]
    [InlineData("1er trimestre 2025", 2025, 1)]
    [InlineData("2e trimestre 2025", 2025, 4)]
    [InlineData("3ème trimestre 2025", 2025, 7)]
    [InlineData("2025-T4", 2025, 10)]
    [InlineData("15/05/2025", 2025, 4)]
    public void Quarter_header_and_quarter_texts(string period, int year, int month)
    {
        var xlsx = Build(new Sheet("Heures", string.Concat(
            Row(1, ("A", "Lot"), ("B", "Bénéficiaire"), ("C", "Modalité"), ("D", "Trimestre"), ("E", "Nombre d'heures")),
            Row(2, ("A", 3), ("B", "P-1"), ("C", "Mise a disposition par une ETTI"), ("D", period), ("E", "400")))));

        var (rows, errors, _) = Read(xlsx);

        Assert.Empty(errors);
        Assert.Equal(new ImportPeriod(new DateOnly(year, month, 1), "trimestre"), Assert.Single(rows).Period);
        Assert.Equal("ETTI", rows[0].Modality);
    }

    [Theory]
    [InlineData("mars 2025", "2025-03-01", "mois")]
    [InlineData("Décembre 2024", "2024-12-01", "mois")]
    [InlineData("decembre 2024", "2024-12-01", "mois")]
    [InlineData("févr. 2025", "2025-02-01", "mois")]
    [InlineData("2025-03", "2025-03-01", "mois")]
    [InlineData("3/2025", "2025-03-01", "mois")]
    [InlineData("2025-W01", "2024-12-30", "semaine")]
    [InlineData("S10 2025", "2025-03-03", "semaine")]
    [InlineData("T2 2025", "2025-04-01", "trimestre")]
    public void Period_texts(string text, string start, string kind)
    {
        var xlsx = Build(new Sheet("Heures", TemplateHeader() + Row(2, ("A", 1), ("B", "P-1"), ("D", "CDI"), ("E", text), ("F", 10))));
        var (rows, errors, _) = Read(xlsx);
        Assert.Empty(errors);
        Assert.Equal(new ImportPeriod(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), kind), Assert.Single(rows).Period);
    }

    [Fact]
    public void Chooses_the_first_sheet_with_headers_after_leading_empty_rows_and_reads_shared_strings()
    {
        var xlsx = Build(
            [
                new Sheet("Notes", Row(1, ("A", "Bonjour"), ("B", "Ceci n'est pas un tableau"))),
                new Sheet("Saisie", string.Concat(
                    "<row r=\"1\"/>", Row(2, ("B", "")),
                    Row(3, ("A", Shared(0)), ("B", Shared(1)), ("C", Shared(2)), ("D", Shared(3)), ("E", Shared(4))),
                    Row(4, ("A", 2), ("B", Shared(5)), ("C", Shared(6)), ("D", Date(new DateOnly(2025, 1, 1), MonthStyle)), ("E", 12.25m)),
                    Row(5),
                    Row(6, ("A", 2), ("B", Shared(5)), ("C", "CDI"), ("D", Date(new DateOnly(2025, 2, 1), MonthStyle)), ("E", 8)))),
            ],
            ["Lot", "Participant", "Modalité", "Période", "<r><t>Heu</t></r><r><rPr><b/></rPr><t>res</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh>",
                "MARTIN Paul – P-000009", "Embauche directe en CDI"]);

        var (rows, errors, summary) = Read(xlsx);

        Assert.Empty(errors);
        Assert.Equal("Saisie", summary.Sheet);
        Assert.Equal([4, 6], rows.Select(r => r.Row));
        Assert.All(rows, r => Assert.Equal("P-000009", r.ParticipantReference));
        Assert.Equal(12.25m, rows[0].Hours);
    }

    [Fact]
    public void Prefers_a_sheet_named_Heures()
    {
        var other = TemplateHeader() + Row(2, ("A", 1), ("B", "P-1"), ("D", "CDI"), ("E", "03/2025"), ("F", 1));
        var hours = TemplateHeader() + Row(2, ("A", 2), ("B", "P-2"), ("D", "CDI"), ("E", "03/2025"), ("F", 2));
        var (rows, _, summary) = Read(Build(new Sheet("Autre", other), new Sheet("Heures", hours)));
        Assert.Equal("Heures", summary.Sheet);
        Assert.Equal("P-2", Assert.Single(rows).ParticipantReference);
    }

    [Fact]
    public void Reads_from_a_forward_only_stream()
    {
        var xlsx = Build(new Sheet("Heures", TemplateHeader() + Row(2, ("A", 1), ("B", "P-1"), ("D", "CDI"), ("E", "03/2025"), ("F", 1))));
        using var stream = new ForwardOnly(new MemoryStream(xlsx));
        var rows = new List<ImportRow>();
        HoursWorkbookReader.Read(stream, new WorkbookLimits(), Modalities, rows.Add, e => Assert.Fail(e.Message));
        Assert.Single(rows);
    }

    internal sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
