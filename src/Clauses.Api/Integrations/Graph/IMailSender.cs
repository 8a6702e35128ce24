namespace Clauses.Api.Integrations.Graph;

/// <summary>One e-mail, already rendered (French subject and bodies). Graph sends the HTML body; the text body is used when there is no HTML.</summary>
public sealed record OutgoingMail(string To, string Subject, string HtmlBody, string TextBody)
{
    /// <summary>The recipient's domain only ("exemple.fr"): what logs and status views may show.</summary>
    public string RecipientDomain => DomainOf(To);

    public static string DomainOf(string? address) =>
        address is not null && address.LastIndexOf('@') is var at and >= 0 ? address[(at + 1)..].Trim().ToLowerInvariant() : "";
}

/// <summary>What became of one send: the outbox decides from it whether to mark the mail sent, retry it later or give up.</summary>
public abstract record SendResult
{
    private SendResult() { }

    public static readonly SendResult Sent = new SentResult();

    public static SendResult RetryAfter(TimeSpan delay) => new RetryAfterResult(delay);

    public static SendResult Transient(string reason) => new TransientResult(reason);

    public static SendResult Permanent(string reason) => new PermanentResult(reason);

    /// <summary>Accepted by the mail service (Graph answered 202).</summary>
    public sealed record SentResult : SendResult;

    /// <summary>Throttled (429): try again after the delay the service asked for.</summary>
    public sealed record RetryAfterResult(TimeSpan Delay) : SendResult;

    /// <summary>5xx, timeout, connection reset: worth retrying with back-off.</summary>
    public sealed record TransientResult(string Reason) : SendResult;

    /// <summary>Refused for good (4xx: bad recipient, missing permission): retrying would not help.</summary>
    public sealed record PermanentResult(string Reason) : SendResult;
}

public interface IMailSender
{
    /// <summary>Sends once, without retrying: the outbox owns the retry schedule. Throws only when <paramref name="ct"/> is cancelled.</summary>
    Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken ct);
}
