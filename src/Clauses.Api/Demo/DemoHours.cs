using System.Globalization;

namespace Clauses.Api.Demo;

internal sealed partial class DemoBuilder
{
    private const decimal FullTimeMonth = 151.67m; // 35 h × 52 ÷ 12
    private const decimal MinimumMonth = 20m;

    private readonly Dictionary<(Guid ContractId, DateOnly Period), StatementRow> _statements = [];
    private readonly Dictionary<Guid, string> _statementSources = [];

    // Monthly hour records for every assignment, month by month within the 18 months; the facilitator validates
    // each contract's month, except the last two months, still in draft.
    private void AddHours()
    {
        foreach (var plan in _plans)
        {
            DateOnly? lastPeriod = null;
            foreach (var assignment in plan.Assignments)
            {
                var level = MonthlyLevel(assignment.Modality);
                var from = Math.Max(FirstMonth, OffsetOf(assignment.StartsOn));
                var to = Math.Min(LastMonth, assignment.EndsOn is { } end ? OffsetOf(end) : LastMonth);
                for (var offset = from; offset <= to; offset++)
                {
                    var period = Month(offset);
                    AddHourRecord(assignment, period, level);
                    lastPeriod = period;
                }
            }
            plan.Participant.LastActivityOn = lastPeriod is { } last ? EndOfMonth(last) : null;
        }
        _data.Statements.AddRange(_statements.Values.OrderBy(s => s.Period).ThenBy(s => s.ContractId));
    }

    private decimal MonthlyLevel(string modality) => modality switch
    {
        "formation" => Between(35m, 70m),
        "mise_a_disposition_ai" => Between(40m, 100m),
        "sous_traitance_siae" or "cotraitance_siae" => Between(60m, 140m),
        "interim_etti" => Between(90m, FullTimeMonth),
        _ => PickWeighted([(FullTimeMonth, 45m), (121.33m, 20m), (104m, 15m), (86.67m, 20m)], l => l.Item2).Item1,
    };

    private void AddHourRecord(AssignmentRow assignment, DateOnly period, decimal level)
    {
        var days = DateTime.DaysInMonth(period.Year, period.Month);
        var worked = 1m;
        if (assignment.StartsOn > period)
        {
            worked = (days - assignment.StartsOn.Day + 1m) / days;
        }
        if (assignment.EndsOn is { } end && end < EndOfMonth(period))
        {
            worked -= (days - end.Day) / (decimal)days;
        }
        var seasonal = period.Month == 8 ? 0.55m : period.Month == 12 ? 0.85m : 1m; // summer and year-end leave
        var hours = Math.Round(Math.Clamp(level * Between(0.88m, 1.04m) * worked * seasonal, MinimumMonth, FullTimeMonth), 2);

        var contract = assignment.Lot.Contract;
        var statement = StatementFor(contract, period);
        var source = _statementSources[statement.Id];
        var employer = assignment.Siae?.Name ?? assignment.Lot.Contractor!.Name;
        var monthText = period.ToString("MM/yyyy", CultureInfo.InvariantCulture);

        // SIAE subcontracting: hours converted from the invoiced amount with the clause's own parameters.
        var converted = assignment.Modality is "sous_traitance_siae" or "cotraitance_siae";
        decimal? invoiced = null;
        if (converted)
        {
            var share = assignment.Clause.LabourShare!.Value;
            var cost = assignment.Clause.HourlyCost!.Value;
            invoiced = Math.Round(Math.Min(hours, 150m) * cost / share, 2);
            hours = Math.Round(invoiced.Value * share / cost, 2);
        }

        _data.Hours.Add(new HourRow(assignment.OrganisationId, contract.Id, assignment.Lot.Id, assignment.Clause.Id,
            assignment.ParticipantId, assignment.EmployerSiret, assignment.Siae?.Id, assignment.Modality, period, hours,
            converted ? "conversion_montant" : "heures_attestees", invoiced,
            converted ? $"Facture de sous-traitance {monthText} – {employer}" : source == "excel" ? $"Relevé d'heures {monthText} – {employer}" : $"Attestation employeur {monthText} – {employer}",
            source, source == "excel" ? DemoIds.Sha256(contract.Reference + "|" + monthText + "|v1") : null,
            assignment.CreatedBy));
    }

    private StatementRow StatementFor(ContractRow contract, DateOnly period)
    {
        if (_statements.TryGetValue((contract.Id, period), out var existing))
        {
            return existing;
        }
        var validated = OffsetOf(period) <= LastMonth - 2;
        var facilitator = FacilitatorId(OrgKey(contract.OrganisationId));
        var statement = new StatementRow(DemoIds.FromName($"statement:{contract.Id}:{period:yyyy-MM}"), contract.OrganisationId, contract.Id,
            period, validated ? "valide" : "brouillon", validated ? facilitator : null,
            validated ? Utc(period.AddMonths(1).AddDays(_rng.Next(7, 20)), 9, 30) : null);
        _statements[(contract.Id, period)] = statement;
        _statementSources[statement.Id] = Chance(0.75) ? "excel" : "saisie";
        return statement;
    }
}
