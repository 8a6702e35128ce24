namespace Clauses.Api.Hours.Workbooks;

internal enum Field
{
    Lot, Participant, LastName, FirstName, BirthDate, Siret, Modality, Period, Hours, Amount, Evidence,
}

/// <summary>Which column holds which field, found by matching the first non-empty row against French headers and synonyms.</summary>
internal sealed class HeaderLayout
{
    public const int FieldCount = 11;

    public static readonly string[] FieldNames =
    [
        "lotNumber", "participantReference", "lastName", "firstName", "birthDate", "employerSiret", "modality", "period", "hours",
        "invoicedAmountHt", "evidenceReference",
    ];

    public static readonly string[] FieldLabels =
    [
        "Lot", "Participant", "Nom", "Prénom", "Date de naissance", "SIRET employeur", "Modalité", "Période", "Heures",
        "Montant facturé HT", "Justificatif",
    ];

    // Folded header (lower case, no accents, letters and digits only) → field.
    private static readonly Dictionary<string, Field> Synonyms = Build(
        (Field.Lot, ["lot", "nlot", "nolot", "numlot", "numerolot", "numerodelot", "lotn", "lotno", "lotnumero"]),
        (Field.Participant, ["participant", "referenceparticipant", "refparticipant", "referencedeparticipant", "referencedu participant",
            "beneficiaire", "referencebeneficiaire", "refbeneficiaire", "participantreference"]),
        (Field.LastName, ["nom", "nomdefamille", "nomdusage", "nomdenaissance"]),
        (Field.FirstName, ["prenom", "prenoms"]),
        (Field.BirthDate, ["datedenaissance", "datenaissance", "naissance", "nele", "neele", "nele e"]),
        (Field.Siret, ["siret", "siretemployeur", "employeursiret", "siretdelemployeur", "siretdelentreprise", "nsiret"]),
        (Field.Modality, ["modalite", "modederealisation", "typedecontrat", "modalitedinsertion", "modalitederealisation"]),
        (Field.Period, ["periode", "mois", "semaine", "trimestre", "moisconcerne", "periodeconcernee"]),
        (Field.Hours, ["heures", "nombredheures", "heuresrealisees", "nbheures", "nbdheures", "nombreheures", "heuresdinsertion",
            "heurestravaillees", "nbrheures"]),
        (Field.Amount, ["montantfactureht", "montantht", "montantfacture", "montantfacturehorstaxes", "montanthorstaxes"]),
        (Field.Evidence, ["justificatif", "piecejustificative", "referencejustificatif", "refjustificatif", "justificatifs",
            "referencedujustificatif"]));

    private static Dictionary<string, Field> Build(params (Field Field, string[] Names)[] entries)
    {
        var map = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var (field, names) in entries)
            foreach (var name in names) map.TryAdd(WorkbookText.Fold(name), field);
        return map;
    }

    /// <summary>0-based column of each field, -1 when absent.</summary>
    public int[] Columns { get; } = Enumerable.Repeat(-1, FieldCount).ToArray();

    /// <summary>Kind given to plain dates in the period column ("Semaine" and "Trimestre" headers make them weekly/quarterly).</summary>
    public string PeriodKind { get; private set; } = ImportPeriod.Month;

    public int Recognised { get; private set; }

    public bool Has(Field field) => Columns[(int)field] >= 0;

    public bool HasIdentity => Has(Field.LastName) || Has(Field.FirstName) || Has(Field.BirthDate);

    public static HeaderLayout Match(IEnumerable<(int Column, string Text)> headers)
    {
        var layout = new HeaderLayout();
        foreach (var (column, text) in headers)
        {
            var folded = WorkbookText.Fold(text);
            if (!Synonyms.TryGetValue(folded, out var field))
            {
                // "Heures (h)", "Montant facturé HT (€)": try again without the parenthesised part.
                var open = text.IndexOf('(', StringComparison.Ordinal);
                if (open <= 0 || !Synonyms.TryGetValue(WorkbookText.Fold(text[..open]), out field)) continue;
            }
            if (layout.Columns[(int)field] >= 0) continue;
            layout.Columns[(int)field] = column;
            layout.Recognised++;
            if (field == Field.Period)
            {
                layout.PeriodKind = folded switch
                {
                    "semaine" => ImportPeriod.Week,
                    "trimestre" => ImportPeriod.Quarter,
                    _ => ImportPeriod.Month,
                };
            }
        }
        return layout;
    }

    public List<string> MissingRequired()
    {
        var missing = new List<string>();
        if (!Has(Field.Lot)) missing.Add("Lot");
        if (!Has(Field.Participant) && !HasIdentity) missing.Add("Participant (ou Nom, Prénom et Date de naissance)");
        if (!Has(Field.Modality)) missing.Add("Modalité");
        if (!Has(Field.Period)) missing.Add("Période");
        if (!Has(Field.Hours)) missing.Add("Heures");
        return missing;
    }

    public Dictionary<string, string> ColumnLetters()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < FieldCount; i++)
            if (Columns[i] >= 0) map[FieldNames[i]] = WorkbookText.ColumnLetters(Columns[i]);
        return map;
    }
}
