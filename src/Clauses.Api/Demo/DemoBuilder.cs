namespace Clauses.Api.Demo;

/// <summary>
/// Builds the whole demo data set in memory. Pure and deterministic: the same anchor month gives the
/// same rows (one seeded <see cref="Random"/>, name-based ids, no clock).
/// </summary>
internal sealed partial class DemoBuilder
{
    public const int Seed = 20_240_613;

    private readonly Random _rng = new(Seed);
    private readonly DateOnly _anchor;
    private readonly SiretFactory _sirets;
    private readonly DemoData _data = new();

    private DemoBuilder(DateOnly anchorMonth)
    {
        _anchor = new DateOnly(anchorMonth.Year, anchorMonth.Month, 1);
        _sirets = new SiretFactory(_rng);
    }

    public static DemoData Build(DateOnly anchorMonth)
    {
        var builder = new DemoBuilder(anchorMonth);
        builder.AddOrganisationsAndUsers();
        builder.AddSiae();
        builder.AddCompanies();
        builder.AddContracts();
        builder.AddTenders();
        builder.AddParticipants();
        builder.AddHours();
        builder.AddExits();
        builder.AddSparTargets();
        return builder._data;
    }

    // ---- small helpers shared by the partial files ----

    /// <summary>First day of the month <paramref name="offset"/> months from the anchor (negative: past).</summary>
    private DateOnly Month(int offset) => _anchor.AddMonths(offset);

    private static DateOnly EndOfMonth(DateOnly month) => month.AddMonths(1).AddDays(-1);

    private static DateTime Utc(DateOnly day, int hour, int minute = 0) =>
        new(day.Year, day.Month, day.Day, hour, minute, 0, DateTimeKind.Utc);

    private static int MonthIndex(DateOnly day) => (day.Year * 12) + day.Month - 1;

    /// <summary>Months from the anchor to the month of <paramref name="day"/> (negative: past).</summary>
    private int OffsetOf(DateOnly day) => MonthIndex(day) - MonthIndex(_anchor);

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private bool Chance(double probability) => _rng.NextDouble() < probability;

    private decimal Between(decimal min, decimal max) => min + ((max - min) * (decimal)_rng.NextDouble());

    private T PickWeighted<T>(IReadOnlyList<T> items, Func<T, decimal> weight)
    {
        var total = items.Sum(weight);
        var target = (decimal)_rng.NextDouble() * total;
        foreach (var item in items)
        {
            target -= weight(item);
            if (target < 0)
            {
                return item;
            }
        }
        return items[^1];
    }

    private void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private OrganisationRow Org(string key) => _data.Organisations.Single(o => o.Key == key);

    private Guid UserId(string email) => _data.Users.Single(u => u.Email == email).Id;
}
