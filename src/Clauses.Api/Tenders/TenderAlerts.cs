using System.Globalization;
using System.Net;
using Clauses.Api.Data;
using Clauses.Api.Integrations.Graph;
using Clauses.Api.Outbox;
using Clauses.Core.Clauses;
using Clauses.Core.Siae;
using Clauses.Core.Tenders;

namespace Clauses.Api.Tenders;

/// <summary>
/// On publication, one French e-mail to each SIAE that may answer and works in the tender's sector and
/// territory. Mails go through the outbox (sent by the outbox worker through Microsoft Graph); the
/// dedup key tender+SIAE makes a second publication, or a retried request, mail nobody twice.
/// </summary>
public static class TenderAlerts
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static async Task<int> EnqueueAsync(TenantSession db, TenderResponse tender, CancellationToken ct)
    {
        var kinds = SiaeKind.Terms.Codes.Where(k => TenderRules.KindMayAnswer(tender.Reservation, k)).ToArray();
        var recipients = (await TendersStore.CandidatesAsync(db, kinds, ct))
            .Where(s => TenderRules.Match(tender.Reservation, tender.Sectors, tender.Departements, s.Kind, s.Sectors, s.Departements) >= TenderRules.AlertScore)
            .ToList();
        var queued = 0;
        foreach (var siae in recipients)
        {
            if (await OutboxStore.EnqueueAsync(db, tender.OrganisationId, "alerte_marche_reserve", $"tender:{tender.Id}:siae:{siae.Id}",
                    Mail(tender, siae.Name, siae.ContactEmail!), ct))
                queued++;
        }
        return queued;
    }

    public static OutgoingMail Mail(TenderResponse t, string siaeName, string to)
    {
        var deadline = t.DeadlineAt.ToString("dddd d MMMM yyyy 'à' HH'h'mm", French);
        var article = Instrument.Terms.Find(t.Reservation)?.LegalBasis ?? t.Reservation;
        var subject = $"Marché réservé : {t.Title} — réponse avant le {t.DeadlineAt.ToString("d MMMM yyyy", French)}";
        var text = $"""
            Bonjour,

            {t.BuyerName} publie un marché réservé (article {article} du code de la commande publique) qui correspond à l'activité de {siaeName} :

            {t.Title}
            {t.Summary}

            Date limite de réponse : {deadline}.
            {(t.DocumentsUrl is null ? "" : "Documents de la consultation : " + t.DocumentsUrl)}

            Pour dire si vous êtes intéressé(e), connectez-vous à Clauses, rubrique « Marchés réservés ».

            Vous recevez ce message parce que votre structure figure dans l'annuaire des structures inclusives.
            """;
        var html = "<p>Bonjour,</p>"
                   + $"<p>{WebUtility.HtmlEncode(t.BuyerName)} publie un marché réservé (article {WebUtility.HtmlEncode(article)} du code de la commande publique) "
                   + $"qui correspond à l'activité de {WebUtility.HtmlEncode(siaeName)} :</p>"
                   + $"<p><strong>{WebUtility.HtmlEncode(t.Title)}</strong><br>{WebUtility.HtmlEncode(t.Summary ?? "")}</p>"
                   + $"<p>Date limite de réponse : {WebUtility.HtmlEncode(deadline)}.</p>"
                   + (t.DocumentsUrl is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(t.DocumentsUrl)}\">Documents de la consultation</a></p>")
                   + "<p>Pour dire si vous êtes intéressé(e), connectez-vous à Clauses, rubrique « Marchés réservés ».</p>";
        return new OutgoingMail(to, subject, html, text);
    }
}
