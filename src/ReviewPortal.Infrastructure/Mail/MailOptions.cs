using MailKit.Security;

namespace ReviewPortal.Infrastructure.Mail;

/// <summary>Section "Mail". With no Smtp:Host, mail is written as .eml files to <see cref="PickupDirectory"/>.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string FromAddress { get; set; } = "noreply@reviewportal.localhost";
    public string FromName { get; set; } = "ReviewPortal";
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>Where .eml files go when no SMTP server is configured (default .data/mail).</summary>
    public string? PickupDirectory { get; set; }
    /// <summary>Delays between delivery attempts, in seconds (Hangfire retries); empty means <see cref="DefaultRetryDelaysSeconds"/>.</summary>
    /// <remarks>No default in the property itself: the configuration binder appends to an array instead of replacing it.</remarks>
    public int[] RetryDelaysSeconds { get; set; } = [];

    public static readonly int[] DefaultRetryDelaysSeconds = [10, 60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600];

    public int[] EffectiveRetryDelaysSeconds => RetryDelaysSeconds.Length > 0 ? RetryDelaysSeconds : DefaultRetryDelaysSeconds;

    /// <summary>Sent mail is kept this many days in OutboxMessages (the record of what was sent), then deleted daily.</summary>
    public int KeepSentDays { get; set; } = 180;

    /// <summary>The outbox sweep queues mail never attempted once it is this old (its job was not queued after the commit).</summary>
    public int SweepAfterSeconds { get; set; } = 120;

    /// <summary>
    /// An attempt with no outcome after this long is stranded (its worker died or lost the database): the sweep queues
    /// it again, sent with the same Message-Id. Must exceed the longest send: a few times <see cref="SmtpOptions.TimeoutSeconds"/>.
    /// </summary>
    public int AttemptTimeoutSeconds { get; set; } = 300;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
}
