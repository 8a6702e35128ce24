namespace Clauses.Api.Infrastructure;

public static class Hosting
{
    /// <summary>
    /// The configuration files are read once, at start. Reloading them on change makes the host watch its content root
    /// recursively (an inotify watch on every folder below it: the add-in's node_modules, and .data/pg where PostgreSQL
    /// writes throughout every import); the watcher's reads showed in the API's profile during imports (bench/RESULTS.md, fifth run).
    /// </summary>
    public static string[] WithoutConfigReload(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];
}
