using System.Globalization;
using System.Text;
using static Clauses.Api.Demo.DemoOrganisations;

namespace Clauses.Api.Demo;

internal sealed partial class DemoBuilder
{
    public const int ParticipantCount = 150;
    public const int WomenCount = 48;   // 32 %, the Lyon 2020 baseline (DOMAIN.md §7)
    public const int ExitCount = 60;
    private const int FirstMonth = -18; // 18 months of hours, ending the month before the anchor
    private const int LastMonth = -1;

    // Participants per organisation that has a facilitator.
    private static readonly (string Org, int Count)[] ParticipantsPerOrg = [(Metropole, 68), (Commune, 27), (Bailleur, 30), (Departement, 25)];

    private static readonly (string Modality, decimal Weight)[] ModalityWeights =
    [
        ("embauche_directe", 36m), ("interim_etti", 24m), ("mise_a_disposition_ai", 10m), ("sous_traitance_siae", 10m),
        ("geiq", 10m), ("formation", 7m), ("cotraitance_siae", 3m),
    ];

    /// <summary>What the generator decided for a participant; hours and exits are derived from it.</summary>
    private sealed record ParticipantPlan(ParticipantRow Participant, bool Exits, List<AssignmentRow> Assignments);

    private readonly List<ParticipantPlan> _plans = [];

    /// <summary>A lot where people can work: clause_execution on an awarded contract running during the 18 months.</summary>
    private sealed record WorkLot(LotRow Lot, ClauseRow Clause, int From, int To);

    private void AddParticipants()
    {
        var women = Flags(ParticipantCount, WomenCount);
        var exits = Flags(ParticipantCount, ExitCount);
        var index = 0;
        foreach (var (orgKey, count) in ParticipantsPerOrg)
        {
            var org = Org(orgKey);
            var lots = WorkLots(org.Id);
            for (var i = 0; i < count; i++, index++)
            {
                AddParticipant(org, lots, women[index], exits[index], index);
            }
        }
    }

    private bool[] Flags(int count, int trueCount)
    {
        var flags = Enumerable.Range(0, count).Select(i => i < trueCount).ToArray();
        Shuffle(flags);
        return flags;
    }

    private List<WorkLot> WorkLots(Guid organisationId)
    {
        var result = new List<WorkLot>();
        foreach (var clause in _data.Clauses.Where(c => c.OrganisationId == organisationId && c.Instrument == "clause_execution"))
        {
            var contract = clause.Lot.Contract;
            if (!contract.Executing || clause.Lot.Contractor is null)
            {
                continue;
            }
            var from = Math.Max(FirstMonth, OffsetOf(contract.StartsOn!.Value));
            var to = Math.Min(LastMonth, OffsetOf(contract.EndsOn!.Value));
            if (to - from >= 2)
            {
                result.Add(new WorkLot(clause.Lot, clause, from, to));
            }
        }
        return result;
    }

    private void AddParticipant(OrganisationRow org, List<WorkLot> lots, bool woman, bool exits, int index)
    {
        var facilitator = FacilitatorId(org.Key);

        // Timeline in months: [start, end] on one lot, sometimes continued on a second lot.
        WorkLot first;
        int start, end;
        while (true)
        {
            first = PickWeighted(lots, l => l.Clause.TargetHours!.Value);
            if (!exits)
            {
                start = _rng.Next(first.From, first.To + 1);
                end = first.To;
                break;
            }
            var latestEnd = Math.Min(first.To, LastMonth - 1);
            if (latestEnd - 2 >= first.From)
            {
                start = _rng.Next(first.From, latestEnd - 1);
                end = Math.Min(latestEnd, start + _rng.Next(2, 12));
                break;
            }
        }

        var segments = new List<(WorkLot Lot, int From, int To)> { (first, start, end) };
        if (end - start >= 5 && Chance(0.3))
        {
            var middle = start + ((end - start) / 2);
            var others = lots.Where(l => l.Lot.Id != first.Lot.Id && l.From <= middle + 1 && l.To >= end).ToList();
            if (others.Count > 0)
            {
                segments = [(first, start, middle), (PickWeighted(others, l => l.Clause.TargetHours!.Value), middle + 1, end)];
            }
        }

        var firstStart = Month(start).AddDays(_rng.Next(0, 15));
        var birthDate = BirthDate(firstStart);
        var age = AgeAt(birthDate, firstStart);
        var qpv = Chance(0.3);
        var education = age < 26 ? (Chance(0.6) ? "infra_3" : "3") : PickWeighted(
            [("infra_3", 35m), ("3", 35m), ("4", 20m), ("5", 10m)], e => e.Item2).Item1;
        var participant = new ParticipantRow(DemoIds.FromName("participant:" + index), org.Id, woman ? "F" : "M", birthDate.Year,
            org.Departement, qpv, education, facilitator);
        _data.Participants.Add(participant);
        AddIdentity(participant, woman, birthDate, index);
        AddEligibility(participant, age, qpv, firstStart, index);

        var plan = new ParticipantPlan(participant, exits, []);
        for (var s = 0; s < segments.Count; s++)
        {
            var (lot, from, to) = segments[s];
            var startsOn = s == 0 ? firstStart : Month(from).AddDays(_rng.Next(0, 5));
            var isLast = s == segments.Count - 1;
            DateOnly? endsOn = !isLast ? EndOfMonth(Month(to))
                : exits ? Month(to).AddDays(_rng.Next(9, 27))
                : lot.Lot.Contract.EndsOn < _anchor ? lot.Lot.Contract.EndsOn : null;
            plan.Assignments.Add(NewAssignment(participant, lot, startsOn, endsOn, facilitator, index, s));
        }
        _data.Assignments.AddRange(plan.Assignments);
        _plans.Add(plan);
    }

    private DateOnly BirthDate(DateOnly start)
    {
        var age = PickWeighted([(18, 26, 27m), (26, 50, 58m), (50, 63, 15m)], a => a.Item3) is var (min, max, _) ? _rng.Next(min, max) : 30;
        var birth = start.AddYears(-age).AddDays(-_rng.Next(0, 365));
        if (birth.Year > 2006)
        {
            birth = new DateOnly(2006, _rng.Next(1, 7), _rng.Next(1, 29));
        }
        return birth.Year < 1960 ? new DateOnly(1960, _rng.Next(1, 13), _rng.Next(1, 29)) : birth;
    }

    private static int AgeAt(DateOnly birth, DateOnly day) =>
        day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    private void AddIdentity(ParticipantRow participant, bool woman, DateOnly birthDate, int index)
    {
        var first = Pick(woman ? FrenchNames.Women : FrenchNames.Men);
        var last = Pick(FrenchNames.LastNames);
        var (city, postcode) = Pick(participant.Departement == "71" ? FrenchNames.CitiesSaone : FrenchNames.CitiesRhone);
        var email = Chance(0.8)
            ? string.Create(CultureInfo.InvariantCulture, $"{Ascii(first)}.{Ascii(last)}{index % 7}@courriel-demo.fr")
            : null;
        var franceTravail = Chance(0.7)
            ? string.Create(CultureInfo.InvariantCulture, $"{_rng.Next(1_000_000, 9_999_999)}{(char)('A' + _rng.Next(26))}")
            : null;
        _data.Identities.Add(new IdentityRow(participant.Id, participant.OrganisationId, last, first, birthDate, email,
            Chance(0.9) ? Phone(Chance(0.5) ? "06" : "07") : null,
            string.Create(CultureInfo.InvariantCulture, $"{_rng.Next(1, 140)} {Pick(FrenchNames.Streets)}"),
            postcode, city, franceTravail));
    }

    private static string Ascii(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    // Criteria mix close to the Lyon baselines: ~35 % RSA, long-term jobseekers, young people, RQTH, QPV residents.
    private void AddEligibility(ParticipantRow participant, int age, bool qpv, DateOnly firstStart, int index)
    {
        var criteria = new List<string>();
        if (age >= 25 && Chance(0.40)) { criteria.Add("rsa"); } // RSA is mostly for people aged 25 or more
        if (age < 26 && Chance(0.7)) { criteria.Add("jeune_sans_qualification"); }
        if (age >= 50 && Chance(0.7)) { criteria.Add("senior_50"); }
        if (Chance(0.3)) { criteria.Add(Chance(0.6) ? "deld" : "detld"); }
        if (Chance(0.08)) { criteria.Add("rqth"); }
        if (qpv && Chance(0.8)) { criteria.Add("residant_qpv"); }
        if (Chance(0.1)) { criteria.Add("pass_iae"); }
        if (Chance(0.04)) { criteria.Add("ass"); }
        if (Chance(0.03)) { criteria.Add("refugie"); }
        if (age < 22 && Chance(0.1)) { criteria.Add("sortant_ase"); }
        if (Chance(0.02)) { criteria.Add("main_justice"); }
        var onOpinion = Chance(0.25);
        if (onOpinion) { criteria.Add("avis_prescripteur"); }
        if (criteria.Count == 0) { criteria.Add("deld"); }

        var prescriberKind = criteria.Contains("rqth") ? "cap_emploi"
            : criteria.Contains("jeune_sans_qualification") ? "mission_locale"
            : criteria.Contains("rsa") ? "referent_rsa"
            : Chance(0.5) ? "france_travail" : "plie";
        var prescriber = Pick(FrenchNames.Prescribers[prescriberKind + ":" + participant.Departement]);
        var validatedOn = firstStart.AddDays(-_rng.Next(3, 45));
        _data.Eligibilities.Add(new EligibilityRow(DemoIds.FromName("eligibility:" + index), participant.OrganisationId, participant.Id,
            [.. criteria], onOpinion ? "avis_prescripteur" : "critere", prescriberKind, prescriber,
            string.Create(CultureInfo.InvariantCulture, $"DOSSIER-{validatedOn.Year}-{index + 1:0000}"),
            validatedOn, validatedOn.AddMonths(24), participant.CreatedBy));
    }

    private AssignmentRow NewAssignment(ParticipantRow participant, WorkLot work, DateOnly startsOn, DateOnly? endsOn, Guid? by,
        int index, int segment)
    {
        var allowed = ModalityWeights.Where(m => work.Clause.AllowedModalities.Contains(m.Modality)).ToList();
        var modality = PickWeighted(allowed, m => m.Weight).Modality;
        var trade = DemoTrades.Get(work.Lot.Trade);
        var siae = modality switch
        {
            "interim_etti" => SiaeFor(["ETTI"], trade.Code),
            "mise_a_disposition_ai" => SiaeFor(["AI"], trade.Code),
            "geiq" => SiaeFor(["GEIQ"], trade.Code),
            "sous_traitance_siae" or "cotraitance_siae" => SiaeFor(["EI", "ACI", "EA", "ESAT"], trade.Code),
            _ => null,
        };
        var contract = modality switch
        {
            "embauche_directe" => PickWeighted([("cdd", 45m), ("cdi", 20m), ("contrat_aide", 15m), ("apprentissage", 10m), ("professionnalisation", 10m)],
                c => c.Item2).Item1,
            "interim_etti" => "interim",
            "mise_a_disposition_ai" => "mise_a_disposition",
            "geiq" => "professionnalisation",
            "formation" => "formation",
            _ => "sous_traitance",
        };
        var job = Pick(trade.JobTitles);
        return new AssignmentRow(DemoIds.FromName($"assignment:{index}:{segment}"), participant.OrganisationId, participant.Id, work.Lot,
            work.Clause, siae?.Siret ?? work.Lot.Contractor!.Siret, siae, modality, contract,
            modality == "formation" ? "Formation qualifiante – " + job : job, startsOn, endsOn, by);
    }

    private static string SectorOf(string trade) => trade switch
    {
        "nettoyage" => "nettoyage",
        "espaces_verts" => "espaces_verts",
        "restauration" => "restauration",
        "collecte_dechets" => "recyclage",
        "gardiennage" => "services_bureau",
        _ => "batiment",
    };

    private SiaeRow SiaeFor(string[] kinds, string trade)
    {
        var ofKind = _data.Siae.Where(s => kinds.Contains(s.Kind)).ToList();
        var matching = ofKind.Where(s => s.Sectors.Contains(SectorOf(trade))).ToList();
        return Pick(matching.Count > 0 ? matching : ofKind);
    }
}
