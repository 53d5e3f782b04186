namespace ReviewPortal.Domain.Common;

/// <summary>A domain rule refused an operation; the message is written for the user.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>The operation is not allowed in the entity's current state (e.g. withdrawing after a released decision).</summary>
public sealed class InvalidStateException(string message) : DomainException(message);

/// <summary>A deadline (CfP close, review deadline) has passed.</summary>
public sealed class DeadlinePassedException(string message, DateTimeOffset deadlineUtc) : DomainException(message)
{
    public DateTimeOffset DeadlineUtc { get; } = deadlineUtc;
}
