namespace Clauses.Api.Integrations.Graph;

/// <summary>
/// Stands in for Graph when Graph:ClientId is not configured in Development, so the demo runs without
/// Microsoft 365: writes one log line (the recipient's domain only, no address) and reports the mail sent.
/// </summary>
public sealed class LoggingMailSender(ILogger<LoggingMailSender> logger) : IMailSender
{
    public Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        logger.LogInformation("Mail to @{Domain} not sent (Graph not configured): {Subject}", mail.RecipientDomain, mail.Subject);
        return Task.FromResult(SendResult.Sent);
    }
}
