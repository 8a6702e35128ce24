using System.Net;
using System.Text.RegularExpressions;
using Clauses.Api.Demo;
using Clauses.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Clauses.Api.Tests.Pages;

/// <summary>
/// The server-rendered pages of reserved tenders, driven like a browser without JavaScript: cookie sign-in on
/// /connexion, forms posted with the antiforgery token scraped from the page. Data: the demo data set, anchored on
/// the current month, so its published tenders are always open (deadlines 2 to 8 weeks after the anchor) and no
/// assertion depends on the date.
/// </summary>
public sealed partial class ReservedTenderPagesTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const string Siae = "contact@siae-demo.fr";
    private const string SiaeName = "Tremplin Bâtiment Insertion";
    private const string CommuneBuyer = "claire.petit@commune-demo.fr";
    private const string MetropoleBuyer = "marie.dupont@metropole-demo.fr";
    private const string BailleurBuyer = "karim.haddad@habitat-demo.fr";

    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);

    public async Task InitializeAsync()
    {
        var today = DateTime.UtcNow;
        // Seeds once per database (SeedAsync does nothing when organisations exist).
        await DemoSeeder.SeedAsync(db.OwnerConnectionString, new DateOnly(today.Year, today.Month, 1), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Anonymous_visitors_of_the_reserved_tenders_page_are_sent_to_sign_in()
    {
        var response = await Browser().GetAsync(new Uri("/marches-reserves", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connexion?ReturnUrl=%2Fmarches-reserves", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_public_page_lists_published_tenders_and_not_drafts()
    {
        var response = await Browser().GetAsync(new Uri("/marches-reserves/publics", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Réaménagement du parc de la Feyssine", html, StringComparison.Ordinal);
        Assert.Contains("article L2113-13", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Réhabilitation de la résidence Les Marronniers", html, StringComparison.Ordinal);   // the demo draft's title
        Assert.DoesNotContain("Se déconnecter", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/connexion?ReturnUrl=%2Fmarches-reserves\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_honours_a_local_return_url_only()
    {
        var local = Browser();
        var response = await SignInAsync(local, Siae, "/marches-reserves/publics");
        Assert.Equal("/marches-reserves/publics", response.Headers.Location!.OriginalString);

        var foreign = Browser();
        response = await SignInAsync(foreign, Siae, "https://exemple.org/piege");
        Assert.Equal("/marches-reserves", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Outside_development_the_sign_in_page_explains_entra_id_and_lists_no_demo_user()
    {
        await using var production = new ApiFactory(db, "Production", new Dictionary<string, string?>
        {
            ["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000002",
        });

        var html = await production.CreateClient().GetStringAsync(new Uri("/connexion", UriKind.Relative));

        Assert.Contains("Microsoft Entra ID", html, StringComparison.Ordinal);
        Assert.Contains("administrateur", html, StringComparison.Ordinal);
        Assert.DoesNotContain("marie.dupont@metropole-demo.fr", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_siae_sees_open_tenders_and_records_its_interest()
    {
        var browser = Browser();
        await SignInAsync(browser, Siae);
        var tenderId = await TenderIdAsync("COM-EV");

        var list = await browser.GetStringAsync(new Uri("/marches-reserves", UriKind.Relative));
        Assert.Contains(SiaeName, list, StringComparison.Ordinal);
        Assert.Contains("Correspond à votre activité", list, StringComparison.Ordinal);   // the Métropole's cleaning lot fits a building EI in the 69
        Assert.Contains($"href=\"/marches-reserves/{tenderId}\"", list, StringComparison.Ordinal);

        var response = await AnswerAsync(browser, tenderId, interested: true, "Nous pouvons intervenir dès le mois prochain.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/marches-reserves/{tenderId}?confirmation=interesse", response.Headers.Location!.OriginalString.Split('#')[0]);
        Assert.Equal("Nous pouvons intervenir dès le mois prochain.", await _data.ScalarAsync<string>(
            "SELECT i.message FROM tender_interests i JOIN siae s ON s.id = i.siae_id WHERE i.tender_id = @tenderId AND s.name = @SiaeName AND i.interested",
            new { tenderId, SiaeName }));
        var confirmation = await browser.GetStringAsync(response.Headers.Location);
        Assert.Contains("Votre intérêt est enregistré", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var browser = Browser();
        await SignInAsync(browser, Siae);
        var tenderId = await TenderIdAsync("COM-EV");
        var before = await InterestCountAsync(tenderId);

        var response = await browser.PostAsync(new Uri($"/marches-reserves/{tenderId}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["reponse"] = "pas-interesse", ["Message"] = "sans jeton" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await InterestCountAsync(tenderId));
    }

    [Fact]
    public async Task The_buyer_sees_who_answered_and_a_buyer_of_another_organisation_does_not()
    {
        var siae = Browser();
        await SignInAsync(siae, Siae);
        var tenderId = await TenderIdAsync("COM-EV");
        const string message = "Visite du site possible le mardi matin.";
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(siae, tenderId, interested: true, message)).StatusCode);

        var commune = Browser();
        Assert.Equal("/acheteur/marches-reserves", (await SignInAsync(commune, CommuneBuyer)).Headers.Location!.OriginalString);
        var page = await commune.GetStringAsync(new Uri("/acheteur/marches-reserves", UriKind.Relative));
        var card = Card(page, tenderId);
        Assert.Contains(SiaeName, card, StringComparison.Ordinal);
        Assert.Contains(message, card, StringComparison.Ordinal);
        Assert.Contains("Intéressée", card, StringComparison.Ordinal);
        Assert.Contains("Vénissieux", card, StringComparison.Ordinal);

        var metropole = Browser();
        await SignInAsync(metropole, MetropoleBuyer);
        var other = await metropole.GetStringAsync(new Uri("/acheteur/marches-reserves", UriKind.Relative));
        Assert.DoesNotContain(tenderId.ToString(), other, StringComparison.Ordinal);
        Assert.DoesNotContain(message, other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_siae_account_cannot_open_the_buyer_page()
    {
        var browser = Browser();
        await SignInAsync(browser, Siae);

        var response = await browser.GetAsync(new Uri("/acheteur/marches-reserves", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/acces-refuse", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buyer_publishes_a_draft_from_the_page_and_sees_french_errors_first()
    {
        // A draft of its own, copied from the demo draft (same lot, whose analysis retains reserve_l2113_13).
        var draftId = await _data.ScalarAsync<Guid>("""
            INSERT INTO tenders (organisation_id, contract_id, lot_id, buyer_name, contract_reference, lot_number, title, summary, description,
                                 reservation, sectors, departements, amount_ht, deadline_at, documents_url, created_by)
            SELECT organisation_id, contract_id, lot_id, buyer_name, contract_reference, lot_number, 'Brouillon de test des pages', summary, description,
                   reservation, sectors, departements, amount_ht, now() + interval '2 hours', documents_url, created_by
              FROM tenders WHERE id = @demoDraft
            RETURNING id
            """, new { demoDraft = await TenderIdAsync("BAI-MAR") });
        var browser = Browser();
        await SignInAsync(browser, BailleurBuyer);

        var refused = await PublishAsync(browser, draftId);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("La date limite doit laisser au moins un jour pour répondre.", html, StringComparison.Ordinal);
        Assert.Equal("brouillon", await _data.ScalarAsync<string>("SELECT status FROM tenders WHERE id = @draftId", new { draftId }));

        await _data.ScalarAsync<int>("UPDATE tenders SET deadline_at = now() + interval '30 days' WHERE id = @draftId RETURNING 1", new { draftId });
        var published = await PublishAsync(browser, draftId);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("publie", await _data.ScalarAsync<string>("SELECT status FROM tenders WHERE id = @draftId", new { draftId }));
        var page = await browser.GetStringAsync(published.Headers.Location);
        Assert.Contains("« Brouillon de test des pages » est publié", page, StringComparison.Ordinal);
    }

    // — a browser without JavaScript —

    private HttpClient Browser() => _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string? returnUrl = null)
    {
        var query = returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = Token(await browser.GetStringAsync(new Uri("/connexion" + query, UriKind.Relative)));
        var response = await browser.PostAsync(new Uri("/connexion" + query, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient browser, Guid tenderId, bool interested, string message)
    {
        var path = new Uri($"/marches-reserves/{tenderId}", UriKind.Relative);
        var token = Token(await browser.GetStringAsync(path));
        return await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reponse"] = interested ? "interesse" : "pas-interesse",
            ["Message"] = message,
            ["__RequestVerificationToken"] = token,
        }));
    }

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient browser, Guid tenderId)
    {
        var page = await browser.GetStringAsync(new Uri("/acheteur/marches-reserves", UriKind.Relative));
        var card = Card(page, tenderId);
        var action = WebUtility.HtmlDecode(FormAction().Match(card).Groups[1].Value);
        Assert.Contains("handler=Publier", action, StringComparison.Ordinal);
        return await browser.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(card),
        }));
    }

    /// <summary>The HTML of one tender's card on the buyer page.</summary>
    private static string Card(string page, Guid tenderId)
    {
        var start = page.IndexOf($"id=\"appel-{tenderId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"tender {tenderId} is not on the page");
        var end = page.IndexOf("</article>", start, StringComparison.Ordinal);
        return page[start..end];
    }

    private static string Token(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "no antiforgery token in the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private Task<Guid> TenderIdAsync(string contractCode) =>
        _data.ScalarAsync<Guid>("SELECT id FROM tenders WHERE id = @id", new { id = DemoIds.FromName("tender:" + contractCode) });

    private Task<long> InterestCountAsync(Guid tenderId) =>
        _data.ScalarAsync<long>("SELECT count(*) FROM tender_interests WHERE tender_id = @tenderId", new { tenderId });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
