using Clauses.Core.Spar;
using static Clauses.Api.Demo.DemoOrganisations;

namespace Clauses.Api.Demo;

internal sealed partial class DemoBuilder
{
    // 60 exits; 21 to durable employment (CDI or CDD ≥ 6 months), about a third as in Lyon (81 of 250).
    private static readonly (string Outcome, int Count)[] ExitOutcomes =
    [
        ("cdi", 12), ("cdd_6_mois_plus", 9), ("cdd_moins_6_mois", 7), ("interim", 8), ("formation_qualifiante", 7),
        ("creation_entreprise", 2), ("demandeur_emploi", 9), ("inactif", 3), ("inconnu", 3),
    ];

    private void AddExits()
    {
        var outcomes = ExitOutcomes.SelectMany(o => Enumerable.Repeat(o.Outcome, o.Count)).ToList();
        Shuffle(outcomes);
        var leaving = _plans.Where(p => p.Exits).ToList();
        for (var i = 0; i < leaving.Count; i++)
        {
            var plan = leaving[i];
            var participant = plan.Participant;
            var exitedOn = plan.Assignments[^1].EndsOn!.Value;
            var outcome = outcomes[i % outcomes.Count];
            var due = exitedOn.AddMonths(6);
            DateOnly? followUpOn = null;
            string? followUpOutcome = null;
            if (due < _anchor.AddDays(-10) && Chance(0.85))
            {
                followUpOn = due.AddDays(_rng.Next(0, 10));
                followUpOutcome = FollowUp(outcome);
            }
            _data.Exits.Add(new ExitRow(DemoIds.FromName("exit:" + participant.Id), participant.OrganisationId, participant.Id,
                exitedOn, outcome, due, followUpOn, followUpOutcome, participant.CreatedBy));
            participant.LastActivityOn = followUpOn ?? exitedOn;
        }
    }

    // Six months later most people in durable jobs are still there; some others have found one.
    private string FollowUp(string outcome) => outcome switch
    {
        "cdi" => Chance(0.9) ? "cdi" : "demandeur_emploi",
        "cdd_6_mois_plus" => Chance(0.5) ? "cdi" : "cdd_6_mois_plus",
        "inconnu" => "inconnu",
        _ => PickWeighted([("cdi", 15m), ("cdd_6_mois_plus", 15m), ("cdd_moins_6_mois", 15m), ("interim", 15m),
            ("formation_qualifiante", 10m), ("demandeur_emploi", 25m), ("inactif", 5m)], o => o.Item2).Item1,
    };

    // SPAR targets set by the directors of the Métropole and the commune, for the anchor year and the year before.
    private void AddSparTargets()
    {
        var year = _anchor.Year;
        (string Indicator, decimal Previous, decimal Current)[] metropole =
        [
            ("heures_insertion", 30_000m, 38_000m),
            ("heures_marches_reserves", 2_000m, 3_000m),
            ("participants", 90m, 110m),
            ("part_femmes", 32m, 35m),
            ("part_rsa", 30m, 35m),
            ("taux_sorties_emploi", 32m, 35m),
            ("contrats_analyses", 100m, 100m),
            ("part_contrats_consideration_sociale", 30m, 35m), // PNAD: 30 % by 2025
            ("marches_reserves_nombre", 3m, 4m),
            ("marches_reserves_montant", 500_000m, 800_000m),
            ("partenariats_siae", 8m, 10m),
        ];
        (string Indicator, decimal Previous, decimal Current)[] commune =
        [
            ("heures_insertion", 11_000m, 13_000m),
            ("participants", 20m, 25m),
            ("part_femmes", 30m, 35m),
            ("taux_sorties_emploi", 30m, 32m),
            ("contrats_analyses", 100m, 100m),
            ("part_contrats_consideration_sociale", 30m, 30m),
            ("marches_reserves_nombre", 1m, 2m),
        ];
        AddTargets(Metropole, year, metropole, UserId("julien.martin@metropole-demo.fr"));
        AddTargets(Commune, year, commune, UserId("claire.petit@commune-demo.fr"));
    }

    private void AddTargets(string orgKey, int year, (string Indicator, decimal Previous, decimal Current)[] targets, Guid director)
    {
        var org = Org(orgKey);
        foreach (var (indicator, previous, current) in targets)
        {
            // The unit is the indicator's own (Clauses.Core Spar.Indicator), as the targets API requires.
            var unit = Indicator.Terms.Find(indicator)!.Unit;
            _data.SparTargets.Add(new SparTargetRow(DemoIds.FromName($"spar:{orgKey}:{year - 1}:{indicator}"), org.Id, year - 1, indicator, previous, unit, director));
            _data.SparTargets.Add(new SparTargetRow(DemoIds.FromName($"spar:{orgKey}:{year}:{indicator}"), org.Id, year, indicator, current, unit, director));
        }
    }
}
