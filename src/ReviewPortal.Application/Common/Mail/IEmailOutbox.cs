namespace ReviewPortal.Application.Common.Mail;

/// <summary>
/// Queues a templated mail as an outbox row in the current unit of work. The row commits or rolls back
/// with the change that caused it; a background job delivers it after the commit.
/// </summary>
public interface IEmailOutbox
{
    /// <param name="template">Name of a Liquid template under Common/Mail/Templates (without extension).</param>
    /// <param name="model">Values the template reads (an anonymous object or a record).</param>
    Task EnqueueAsync(string template, string toAddress, string? toName, object model, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="EnqueueAsync(string, string, string?, object, CancellationToken)"/>, with files attached (e.g. an iCal event); returns the outbox row's id.</summary>
    Task<Guid> EnqueueAsync(string template, string toAddress, string? toName, object model, IReadOnlyList<Domain.Outbox.MailAttachment> attachments,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a mail from Liquid text given at run time (a chair's decision template, already checked by
    /// <see cref="LiquidText.Check"/>); the model's members are read in snake_case (<c>{{ proposal.title }}</c>).
    /// Returns the outbox row's id.
    /// </summary>
    Task<Guid> EnqueueTextAsync(string kind, string subjectTemplate, string bodyTemplate, string toAddress, string? toName, object model,
        CancellationToken cancellationToken = default);

    /// <summary>Ids enqueued since the last call (used by the transaction behaviour after commit).</summary>
    IReadOnlyCollection<Guid> TakeEnqueued();
}
