namespace ReviewPortal.Domain.Outbox;

/// <summary>A file sent with a mail (e.g. a talk's time as text/calendar), kept with the outbox row until it is delivered.</summary>
public sealed class MailAttachment
{
    public const int MaxContentLength = 256 * 1024;

    public string FileName { get; set; } = "";
    /// <summary>e.g. "text/calendar; method=PUBLISH".</summary>
    public string ContentType { get; set; } = "application/octet-stream";
    /// <summary>The file's text (UTF-8 on the wire).</summary>
    public string Content { get; set; } = "";
}
