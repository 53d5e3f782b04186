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
    /// <summary>What caused the mail, e.g. "account.confirm-email"; for the operator's view and tests.</summary>
    public string Kind { get; set; } = "";
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastAttemptUtc { get; set; }
    public DateTimeOffset? SentUtc { get; set; }
}
