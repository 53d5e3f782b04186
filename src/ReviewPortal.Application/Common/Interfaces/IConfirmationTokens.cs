namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>Who a confirmation link speaks for: one speaker of one talk's offer.</summary>
public sealed record ConfirmationTicket(Guid ConfirmationId, Guid SubmissionId, Guid SpeakerId);

/// <summary>
/// The signed, single-purpose token in an acceptance mail's confirm link. It lets that speaker confirm or decline that
/// talk without signing in, and nothing else; whether the deadline has passed is checked on use, against the offer
/// (so a chair's extension counts).
/// </summary>
public interface IConfirmationTokens
{
    string Issue(ConfirmationTicket ticket);

    /// <summary>The ticket, or null when the token is not one we signed for this purpose (tampered, truncated, another purpose).</summary>
    ConfirmationTicket? Read(string? token);
}
