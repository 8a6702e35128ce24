using System.Globalization;
using Clauses.Core.Clauses;
using Clauses.Core.Contracts;
using Clauses.Core.Eligibility;
using Clauses.Core.Hours;
using Clauses.Core.Participants;
using Clauses.Core.Spar;

namespace Clauses.Api.Spar;

/// <summary>Turns the store's rows into the dashboard with the Core definitions: each figure is computed once, here, and
/// the page, the JSON and the exports show the same <see cref="SparDashboard"/>.</summary>
public static class SparDashboardBuilder
{
    // Modalities where an SIAE employs the person (ETTI, AI) or sells the work (sub- and co-contracting), R21.
    private static readonly HashSet<string> SiaeModalities =
        [Modality.InterimEtti, Modality.MiseADispositionAi, Modality.SousTraitanceSiae, Modality.CotraitanceSiae];

    private static readonly HashSet<string> ReservedInstruments =
        [Instrument.ReserveL2113_12, Instrument.ReserveL2113_13, Instrument.ReserveL2113_13_1, Instrument.ReserveL2113_15];

    // A lot's hours are shown under one instrument: the one that frames the work (a reserved or insertion market first).
    private static readonly string[] InstrumentPriority =
    [
        Instrument.MarcheInsertion, Instrument.ReserveL2113_12, Instrument.ReserveL2113_13, Instrument.ReserveL2113_13_1,
        Instrument.ReserveL2113_15, Instrument.ClauseExecution, Instrument.ClauseAlternative, Instrument.CritereAttribution,
    ];

    private const string NoInstrument = "sans_instrument";
    private const string Territory = "territoire";
    private const string Unknown = "inconnu";
    private const string NoContractor = "";
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static SparDashboard Build(Guid organisationId, string organisationName, int year, DateOnly asOf, SparDashboardStore.Data d)
    {
        var lots = d.Lots.ToDictionary(l => l.Id);
        var lotsByContract = d.Lots.ToLookup(l => l.ContractId);   // once: a large organisation lists thousands of contracts
        var contracts = d.Contracts.ToDictionary(c => c.Id);
        var targets = d.Targets.ToDictionary(t => t.Indicator, t => t.TargetValue, StringComparer.Ordinal);

        var totalHours = d.LotHours.Sum(h => h.Hours);
        var reservedHours = d.LotHours.Where(h => IsReserved(lots.GetValueOrDefault(h.LotId))).Sum(h => h.Hours);
        var siaeHours = d.Months.Where(h => SiaeModalities.Contains(h.Modality)).Sum(h => h.Hours);

        // Contracts notified in the year are the base of the contract ratios; subsidies are not public contracts.
        var notified = d.Contracts
            .Where(c => c.NotifiedOn?.Year == year && c.Kind != ContractKind.Subvention)
            .Select(c => (Contract: c, Lots: lotsByContract[c.Id].ToList()))
            .ToList();
        bool HasConsideration(IReadOnlyList<SparDashboardStore.Lot> ls) => ls.Any(l => l.Instruments.Length > 0);
        bool IsAnalysed(IReadOnlyList<SparDashboardStore.Lot> ls) => ls.Count > 0 && ls.All(l => l.Analysed || l.Instruments.Length > 0);
        var reservedContracts = notified.Where(n => n.Lots.Any(IsReserved)).ToList();

        var people = d.People.ToLookup(p => p.Dimension, StringComparer.Ordinal);
        long Persons(string dimension, string category) =>
            people[dimension].FirstOrDefault(p => p.Category == category)?.Persons ?? 0;
        var persons = Persons("ensemble", "tous");

        var clauseRows = BurnDown(d, lots, contracts, asOf);

        var kpis = new List<SparKpi>
        {
            HoursKpi(Indicator.HeuresInsertion, totalHours, targets),
            HoursKpi(Indicator.HeuresMarchesReserves, reservedHours, targets),
            CountKpi(Indicator.Participants, persons, SmallCell.Format(persons), targets),
            RatioKpi(Indicator.PartFemmes, Indicators.WomenShare(persons, Persons("sexe", "F")), targets),
            RatioKpi(Indicator.PartRsa, Indicators.RsaShare(persons, Persons("rsa", "tous")), targets,
                "Dans les clauses : " + Indicators.RsaShare(Persons("ensemble", "clauses"), Persons("rsa", "clauses")).Display
                + " · dans les marchés réservés : " + Indicators.RsaShare(Persons("ensemble", "reserves"), Persons("rsa", "reserves")).Display),
            RatioKpi(Indicator.TauxSortiesEmploi, Indicators.DurableEmployment(d.ExitsByOutcome), targets,
                SmallCell.Format(d.ExitsByOutcome.Values.Sum()) + " sorties dans l'année · en emploi, tous contrats : "
                + Indicators.ExitsToEmployment(d.ExitsByOutcome.Values.Sum(),
                    d.ExitsByOutcome.Where(e => ExitOutcome.IsEmployment(e.Key)).Sum(e => e.Value)).Display),
            RatioKpi(Indicator.ContratsAnalyses, Indicators.ContractsAnalysed(notified.Count(n => IsAnalysed(n.Lots)), notified.Count), targets),
            ConsiderationKpi(notified.Select(n => (n.Contract.AmountHt, HasConsideration(n.Lots))).ToList(), targets),
            CountKpi(Indicator.MarchesReservesNombre, reservedContracts.Count, SparFormat.Count(reservedContracts.Count), targets),
            EurosKpi(Indicator.MarchesReservesMontant, reservedContracts.Sum(n => n.Contract.AmountHt), targets),
            CountKpi(Indicator.PartenariatsSiae, d.ContractsWithPartnership, SparFormat.Count(d.ContractsWithPartnership), targets),
            MonitoringKpi(Indicator.PartHeuresSiae, totalHours == 0 ? null : Share(siaeHours, totalHours),
                totalHours == 0 ? Ratio.NotApplicable : SparFormat.Points(Share(siaeHours, totalHours)), SparFormat.Hours(siaeHours) + " sur " + SparFormat.Hours(totalHours)),
            FulfilmentKpi(clauseRows),
            MonitoringKpi(Indicator.HeuresRestantDues, clauseRows.Sum(c => c.HoursStillDue), SparFormat.Hours(clauseRows.Sum(c => c.HoursStillDue)),
                SparFormat.Count(clauseRows.Count(c => c.HoursStillDue > 0)) + " clause(s) non soldée(s)"),
            MonitoringKpi(Indicator.PenalitesExposees, clauseRows.Sum(c => c.Penalty ?? 0m), SparFormat.Euros(clauseRows.Sum(c => c.Penalty ?? 0m)), null),
            LotCountKpi(Indicator.CriteresInsertion, notified.SelectMany(n => n.Lots).Count(l => l.Instruments.Contains(Instrument.CritereAttribution))),
            LotCountKpi(Indicator.ClausesInnovantes, notified.SelectMany(n => n.Lots)
                .Count(l => l.Instruments.Contains(Instrument.MarcheInsertion) || l.Instruments.Contains(Instrument.ClauseAlternative))),
        };

        return new SparDashboard(organisationId, organisationName, year, asOf, kpis,
            Months(year, d.Months, targets.GetValueOrDefault(Indicator.HeuresInsertion)),
            Slices(d.LotHours.Select(h => (MainInstrument(lots.GetValueOrDefault(h.LotId)), h.Hours)), InstrumentLabel),
            Slices(d.Months.Select(h => (h.Modality, h.Hours)), m => Modality.Terms.Find(m)?.Label ?? m),
            Slices(d.LotHours.Select(h => (contracts.TryGetValue(h.ContractId, out var c) ? c.Category : Unknown, h.Hours)),
                c => PurchaseCategory.Terms.Find(c)?.Label ?? "Inconnu"),
            Slices(d.LotHours.Select(h => (lots.GetValueOrDefault(h.LotId)?.Contractor ?? NoContractor, h.Hours)),
                c => c == NoContractor ? "Titulaire non renseigné" : c),
            Slices(d.Months.Where(h => h.SiaeId is not null).Select(h => (h.SiaeId!.Value.ToString(), h.Hours)),
                id => d.SiaeNames.GetValueOrDefault(Guid.Parse(id)) ?? "Structure inconnue"),
            Slices(people[Territory].Select(t => (t.Category, t.Hours ?? 0m)),
                dep => dep == Unknown ? "Département non renseigné" : "Département " + dep),
            people["public"].OrderByDescending(p => p.Persons).ThenBy(p => p.Category, StringComparer.Ordinal)
                .Select(p => PeopleSlice(p.Category, Criterion.Terms.Find(p.Category)?.Label ?? p.Category, p.Persons)).ToList(),
            Profile(people),
            ContractRows(d, lotsByContract),
            clauseRows);
    }

    private static bool IsReserved(SparDashboardStore.Lot? lot) => lot is not null && lot.Instruments.Any(ReservedInstruments.Contains);

    private static string MainInstrument(SparDashboardStore.Lot? lot) =>
        lot is null ? NoInstrument : InstrumentPriority.FirstOrDefault(lot.Instruments.Contains) ?? NoInstrument;

    private static string InstrumentLabel(string code) => code == NoInstrument ? "Sans clause" : Instrument.Terms.Find(code)?.Label ?? code;

    private static decimal Share(decimal part, decimal whole) => decimal.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    private static IndicatorTerm Term(string code) => Indicator.Terms.Find(code) ?? Indicator.Monitoring.Find(code)!;

    private static SparKpi Kpi(string code, decimal? value, string display, string? detail, IReadOnlyDictionary<string, decimal> targets,
        Func<decimal, decimal?> progress, Func<decimal, string> targetDisplay)
    {
        var term = Term(code);
        decimal? target = targets.TryGetValue(code, out var t) ? t : null;
        return new SparKpi(code, term.Label, term.Definition, term.Base, term.Unit, value, display, detail,
            target, target is { } tv ? targetDisplay(tv) : null, target is { } tp ? progress(tp) : null);
    }

    private static SparKpi HoursKpi(string code, decimal hours, IReadOnlyDictionary<string, decimal> targets) =>
        Kpi(code, hours, SparFormat.Hours(hours), null, targets, t => Indicators.TargetProgress(t, hours), SparFormat.Hours);

    private static SparKpi CountKpi(string code, long count, string display, IReadOnlyDictionary<string, decimal> targets) =>
        Kpi(code, SmallCell.IsSmall(count) && Term(code).Base == IndicatorBase.Personnes ? null : count, display, null, targets,
            t => SmallCell.IsSmall(count) && Term(code).Base == IndicatorBase.Personnes ? null : Indicators.TargetProgress(t, count),
            t => SparFormat.Count((long)t));

    private static SparKpi EurosKpi(string code, decimal euros, IReadOnlyDictionary<string, decimal> targets) =>
        Kpi(code, euros, SparFormat.Euros(euros), null, targets, t => Indicators.TargetProgress(t, euros), SparFormat.Euros);

    private static SparKpi RatioKpi(string code, Ratio ratio, IReadOnlyDictionary<string, decimal> targets, string? detail = null) =>
        Kpi(code, ratio.Value is { } v ? decimal.Round(v * 100m, 2) : null, ratio.Display,
            detail ?? (ratio.IsSuppressed || ratio.Denominator == 0 ? null : ratio.NumeratorDisplay + " sur " + ratio.DenominatorDisplay),
            targets, t => Indicators.TargetProgress(t, ratio), SparFormat.Points);

    private static SparKpi ConsiderationKpi(IReadOnlyList<(decimal AmountHt, bool HasConsideration)> notified, IReadOnlyDictionary<string, decimal> targets)
    {
        var decp = Indicators.SocialConsiderationShare(notified, Thresholds.Decp);
        var oecp = Indicators.SocialConsiderationShare(notified, Thresholds.Oecp);
        // No-break spaces as SparFormat writes them, so "90 000 € HT" never breaks across lines on the page.
        var national = Indicators.MeetsNationalTarget(decp) ? "cible nationale de 30\u00a0% atteinte" : "cible nationale : 30\u00a0%";
        return RatioKpi(Indicator.PartContratsConsiderationSociale, decp, targets,
            $"{decp.NumeratorDisplay} sur {decp.DenominatorDisplay} marchés ≥ {SparFormat.Euros(Thresholds.Decp)} HT · ≥ {SparFormat.Euros(Thresholds.Oecp)} HT : {oecp.Display} · {national}");
    }

    private static SparKpi MonitoringKpi(string code, decimal? value, string display, string? detail) =>
        Kpi(code, value, display, detail, new Dictionary<string, decimal>(), _ => null, _ => "");

    private static SparKpi LotCountKpi(string code, int count) => MonitoringKpi(code, count, SparFormat.Count(count), null);

    private static SparKpi FulfilmentKpi(List<SparClauseRow> clauses)
    {
        var required = clauses.Sum(c => c.TargetHours);
        var done = clauses.Sum(c => c.DoneHours);
        var rate = Indicators.FulfilmentRate(done, required);
        return MonitoringKpi(Indicator.TauxRealisation, rate is { } r ? decimal.Round(r * 100m, 2) : null,
            rate is { } x ? SparFormat.Points(x * 100m) : Ratio.NotApplicable,
            $"{SparFormat.Hours(done)} sur {SparFormat.Hours(required)} exigées ({SparFormat.Count(clauses.Count)} clause(s))");
    }

    private static List<SparMonth> Months(int year, IReadOnlyList<SparDashboardStore.MonthHours> hours, decimal? yearlyTarget)
    {
        var byMonth = hours.GroupBy(h => h.Month.Month).ToDictionary(g => g.Key, g => g.Sum(h => h.Hours));
        var months = new List<SparMonth>(12);
        var cumulative = 0m;
        for (var m = 1; m <= 12; m++)
        {
            var month = new DateOnly(year, m, 1);
            var done = byMonth.GetValueOrDefault(m);
            cumulative += done;
            months.Add(new SparMonth(month, month.ToString("MMM yyyy", French), done, cumulative,
                yearlyTarget is { } t ? decimal.Round(t * m / 12m, 2, MidpointRounding.AwayFromZero) : null));
        }
        return months;
    }

    private static List<SparSlice> Slices(IEnumerable<(string Code, decimal Hours)> hours, Func<string, string> label) =>
        hours.GroupBy(h => h.Code, StringComparer.Ordinal).Select(g => (Code: g.Key, Hours: g.Sum(h => h.Hours)))
            .Where(g => g.Hours != 0m)
            .OrderByDescending(g => g.Hours).ThenBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => new SparSlice(g.Code, label(g.Code), g.Hours, SparFormat.Hours(g.Hours)))
            .ToList();

    private static SparSlice PeopleSlice(string code, string label, long persons) =>
        new(code, label, SmallCell.IsSmall(persons) ? 0 : persons, SmallCell.Format(persons));

    private static readonly (string Dimension, string Category, string Label)[] ProfileRows =
    [
        ("sexe", "F", "Femmes"), ("sexe", "M", "Hommes"), ("sexe", "X", "Autre"), ("sexe", "inconnu", "Sexe non renseigné"),
        ("age", "moins_26", "Moins de 26 ans"), ("age", "26_49", "26 à 49 ans"), ("age", "50_plus", "50 ans et plus"), ("age", "inconnu", "Âge non renseigné"),
        ("qpv", "oui", "Résidents QPV"), ("qpv", "non", "Hors QPV"),
    ];

    private static List<SparSlice> Profile(ILookup<string, SparDashboardStore.PeopleCount> people) =>
        ProfileRows
            .Select(r => (r, Persons: people[r.Dimension].FirstOrDefault(p => p.Category == r.Category)?.Persons ?? 0))
            .Where(x => x.Persons > 0)
            .Select(x => PeopleSlice(x.r.Dimension + ":" + x.r.Category, x.r.Label, x.Persons))
            .ToList();

    private static List<SparContractRow> ContractRows(SparDashboardStore.Data d, ILookup<Guid, SparDashboardStore.Lot> lotsByContract)
    {
        var hoursByContract = d.LotHours.GroupBy(h => h.ContractId).ToDictionary(g => g.Key, g => g.Sum(h => h.Hours));
        return d.Contracts.Select(c =>
            {
                var ls = lotsByContract[c.Id].ToList();
                var instruments = ls.SelectMany(l => l.Instruments).Distinct().Order(StringComparer.Ordinal).ToList();
                return new SparContractRow(c.Id, c.Reference, c.Title, PurchaseCategory.Terms.Find(c.Category)?.Label ?? c.Category, c.AmountHt,
                    c.NotifiedOn, hoursByContract.GetValueOrDefault(c.Id), instruments.Select(InstrumentLabel).ToList(),
                    ls.Any(IsReserved), instruments.Count > 0, ls.Count > 0 && ls.All(l => l.Analysed || l.Instruments.Length > 0));
            })
            .OrderByDescending(r => r.HoursInYear).ThenBy(r => r.Reference, StringComparer.Ordinal)
            .ToList();
    }

    private static List<SparClauseRow> BurnDown(SparDashboardStore.Data d, Dictionary<Guid, SparDashboardStore.Lot> lots,
        Dictionary<Guid, SparDashboardStore.Contract> contracts, DateOnly asOf)
    {
        var rows = new List<SparClauseRow>();
        foreach (var clause in d.Clauses)
        {
            if (!lots.TryGetValue(clause.LotId, out var lot) || !contracts.TryGetValue(lot.ContractId, out var contract)) continue;
            if (contract.StartsOn is not { } start || contract.EndsOn is not { } end) continue;
            var done = d.DoneByLot.GetValueOrDefault(clause.LotId);
            var point = Indicators.BurnDown(clause.TargetHours, done, start, end, asOf);
            var fulfilment = FulfilmentRules.Compute(clause.TargetHours, done, clause.PenaltyPerHour, clause.PenaltyCap);
            rows.Add(new SparClauseRow(clause.Id, contract.Id, contract.Reference, contract.Title, lot.Number, clause.Instrument,
                InstrumentLabel(clause.Instrument), clause.TargetHours, done, fulfilment.HoursStillDue, fulfilment.Rate,
                clause.PenaltyPerHour is null ? null : fulfilment.Penalty, start, end, point.Expected, point.Status, point.StatusLabel));
        }
        // Most behind first: that is where a director acts.
        return rows.OrderBy(r => r.DoneHours - r.ExpectedHours).ThenBy(r => r.ContractReference, StringComparer.Ordinal).ThenBy(r => r.LotNumber).ToList();
    }
}
