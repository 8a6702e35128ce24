using System.Buffers.Binary;
using System.Net;
using System.Xml.Linq;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Manifest;

/// <summary>
/// The online manifest validator cannot be reached from here, so the manifest is checked
/// structurally: required elements, both hosts, and every URL it names served by the API
/// (the task panes must have been built first, as scripts/test.sh does).
/// </summary>
public sealed class ManifestTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static readonly XNamespace App = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static readonly XNamespace Bt = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static readonly XNamespace Ov = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string DevBase = "https://localhost:5443";

    private readonly ApiFactory _api = new(db);
    private readonly XDocument _manifest = XDocument.Load(Path.Combine(RepoRoot(), "manifest", "manifest.dev.xml"));

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Clauses.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Clauses.sln not found above the test folder.");
    }

    [Fact]
    public void The_manifest_has_the_required_elements_in_order()
    {
        var root = _manifest.Root!;
        Assert.Equal(App + "OfficeApp", root.Name);
        Assert.Equal("TaskPaneApp", root.Attribute(Xsi + "type")?.Value);
        // The 1.1 schema is a sequence: these elements must come in this order.
        var expected = new[] { "Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
            "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "DefaultSettings", "Permissions", "VersionOverrides" };
        Assert.Equal(expected, root.Elements().Select(e => e.Name.LocalName).ToArray());
        Assert.True(Guid.TryParse(root.Element(App + "Id")!.Value, out _));
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", root.Element(App + "Version")!.Value);
        Assert.Equal("fr-FR", root.Element(App + "DefaultLocale")!.Value);
        Assert.Equal("ReadWriteDocument", root.Element(App + "Permissions")!.Value);
        Assert.InRange(root.Element(App + "DisplayName")!.Attribute("DefaultValue")!.Value.Length, 1, 125);
        Assert.InRange(root.Element(App + "Description")!.Attribute("DefaultValue")!.Value.Length, 1, 250);
    }

    [Fact]
    public void Word_and_Excel_each_get_a_ribbon_button_opening_their_own_pane()
    {
        Assert.Equal(["Document", "Workbook"], _manifest.Root!.Element(App + "Hosts")!.Elements(App + "Host").Select(h => h.Attribute("Name")!.Value));
        var hosts = _manifest.Descendants(Ov + "Host").ToDictionary(h => h.Attribute(Xsi + "type")!.Value);
        Assert.Equal(new[] { "Document", "Workbook" }.Order(), hosts.Keys.Order());
        Assert.Equal("Word.Pane.Url", hosts["Document"].Descendants(Ov + "SourceLocation").Single().Attribute("resid")!.Value);
        Assert.Equal("Excel.Pane.Url", hosts["Workbook"].Descendants(Ov + "SourceLocation").Single().Attribute("resid")!.Value);
    }

    [Fact]
    public void Every_resource_id_used_is_defined_once_and_short_strings_are_short()
    {
        var resources = _manifest.Descendants(Ov + "Resources").Single();
        var defined = resources.Descendants().Where(e => e.Attribute("id") is not null).Select(e => e.Attribute("id")!.Value).ToList();
        Assert.Equal(defined.Count, defined.Distinct().Count());
        var used = _manifest.Descendants().Select(e => e.Attribute("resid")?.Value).OfType<string>().Distinct();
        Assert.All(used, id => Assert.Contains(id, defined));
        Assert.All(resources.Element(Bt + "ShortStrings")!.Elements(), s => Assert.InRange(s.Attribute("DefaultValue")!.Value.Length, 1, 125));
        Assert.All(resources.Element(Bt + "LongStrings")!.Elements(), s => Assert.InRange(s.Attribute("DefaultValue")!.Value.Length, 1, 250));
    }

    [Fact]
    public async Task Every_url_is_https_on_the_app_domain_and_served_by_the_api()
    {
        var urls = _manifest.Descendants().Select(e => e.Attribute("DefaultValue")?.Value)
            .OfType<string>().Where(v => v.StartsWith("http", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(urls.Count >= 8, $"only {urls.Count} URLs found");
        var client = _api.CreateClient();
        foreach (var url in urls)
        {
            Assert.StartsWith(DevBase + "/", url, StringComparison.Ordinal);
            var response = await client.GetAsync(new Uri(url[DevBase.Length..], UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(80)]
    public async Task Icons_are_png_files_of_their_declared_size(int size)
    {
        var bytes = await _api.CreateClient().GetByteArrayAsync(new Uri($"/addin/assets/icon-{size}.png", UriKind.Relative));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        // IHDR starts at byte 16: width then height, big-endian.
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
