namespace ReviewPortal.Domain.Committee;

/// <summary>A member's wish to review a proposal (or not). <see cref="Conflict"/> becomes a declared conflict.</summary>
public enum BidValue
{
    Eager = 0,
    Willing = 1,
    Neutral = 2,
    NotWilling = 3,
    Conflict = 4,
}

/// <summary>One member's bid on one proposal; hidden from the other members.</summary>
public class Bid
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid PersonId { get; set; }
    public BidValue Value { get; set; } = BidValue.Neutral;
    public DateTimeOffset UpdatedUtc { get; set; }
}
