namespace ReviewPortal.Domain.Outbox;

/// <summary>
/// A mail waiting to be sent. Written in the same transaction as the change that causes it, delivered
/// by a background job; <see cref="SentUtc"/> set once means it is never sent again.
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset CreatedUtc { get; set; }
    public string ToAddress { get; set; } = "";
    public string? ToName { get; set; }
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }
    /// <summary>Files sent with the mail (stored as JSON with the row).</summary>
    public List<MailAttachment> Attachments { get; set; } = [];
    /// <summary>What caused the mail, e.g. "account.confirm-email"; for the operator's view and tests.</summary>
    public string Kind { get; set; } = "";
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastAttemptUtc { get; set; }
    /// <summary>
    /// Set (and committed) before the mail is handed to the SMTP server, cleared when the outcome is recorded. Set
    /// for longer than an attempt can take means the attempt's outcome is unknown: the worker died or lost the
    /// database, maybe after the server had accepted the mail.
    /// </summary>
    public DateTimeOffset? AttemptStartedUtc { get; set; }
    /// <summary>Attempts whose outcome was unknown (the server may have accepted the mail); above 0 on a sent row, the receiver may have it twice, with the same Message-Id.</summary>
    public int UnconfirmedAttempts { get; set; }
    public DateTimeOffset? SentUtc { get; set; }
}
