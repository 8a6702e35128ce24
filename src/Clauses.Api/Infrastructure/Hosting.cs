using System.Runtime;

namespace Clauses.Api.Infrastructure;

public static class Hosting
{
    /// <summary>
    /// The configuration files are read once, at start. Reloading them on change makes the host watch its content root
    /// recursively (an inotify watch on every folder below it: the add-in's node_modules, and .data/pg where PostgreSQL
    /// writes throughout every import); the watcher's reads showed in the API's profile during imports (bench/RESULTS.md, fifth run).
    /// </summary>
    public static string[] WithoutConfigReload(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>
    /// Once started (migrations applied, routes and documents built), what starting allocated is garbage: one full, compacting
    /// collection returns it to the system before the first request instead of leaving it to the first import's collections
    /// (8 MB less resident at rest, bench/RESULTS.md, sixth run).
    /// </summary>
    public static void ReleaseStartupMemory(this WebApplication app) => ReleaseMemory();

    /// <summary>
    /// Returns the garbage of a large piece of work to the system once it is over: one full, compacting collection. After a
    /// million-row import the process otherwise stayed at 192 MB resident (157–161 MB after the collection), and the next
    /// import peaked from there (201 MB, bench/RESULTS.md, seventh run).
    /// </summary>
    public static void ReleaseMemory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
