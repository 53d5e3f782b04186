using System.Collections.Concurrent;
using System.Reflection;
using Fluid;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Outbox;

namespace ReviewPortal.Application.Common.Mail;

/// <summary>Renders a Liquid template (Fluid) into an <see cref="OutboxMessage"/> added to the DbContext.</summary>
public sealed class EmailOutbox(IApplicationDbContext db, TimeProvider clock) : IEmailOutbox
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, (IFluidTemplate Subject, IFluidTemplate Body)> Templates = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private readonly List<Guid> _enqueued = [];

    public Task EnqueueAsync(string template, string toAddress, string? toName, object model, CancellationToken cancellationToken = default) =>
        EnqueueAsync(template, toAddress, toName, model, [], cancellationToken);

    public async Task<Guid> EnqueueAsync(string template, string toAddress, string? toName, object model, IReadOnlyList<MailAttachment> attachments,
        CancellationToken cancellationToken = default)
    {
        var (subject, body) = Templates.GetOrAdd(template, Load);
        var context = new TemplateContext(model, Options);
        var message = new OutboxMessage
        {
            CreatedUtc = clock.GetUtcNow(),
            ToAddress = toAddress,
            ToName = toName,
            Kind = template,
            Subject = (await subject.RenderAsync(context)).Trim(),
            TextBody = (await body.RenderAsync(context)).Trim() + "\n",
            Attachments = [.. attachments],
        };
        db.OutboxMessages.Add(message);
        _enqueued.Add(message.Id);
        return message.Id;
    }

    public async Task<Guid> EnqueueTextAsync(string kind, string subjectTemplate, string bodyTemplate, string toAddress, string? toName,
        object model, CancellationToken cancellationToken = default)
    {
        var rendered = await LiquidText.RenderAsync(subjectTemplate, bodyTemplate, model);
        var message = new OutboxMessage
        {
            CreatedUtc = clock.GetUtcNow(),
            ToAddress = toAddress,
            ToName = toName,
            Kind = kind,
            Subject = rendered.Subject,
            TextBody = rendered.Body,
        };
        db.OutboxMessages.Add(message);
        _enqueued.Add(message.Id);
        return message.Id;
    }

    public IReadOnlyCollection<Guid> TakeEnqueued()
    {
        var ids = _enqueued.ToArray();
        _enqueued.Clear();
        return ids;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy = new UnsafeMemberAccessStrategy();
        return options;
    }

    /// <summary>A template file is "Subject: …", a blank line, then the plain-text body.</summary>
    private static (IFluidTemplate, IFluidTemplate) Load(string name)
    {
        var resource = $"ReviewPortal.Application.Common.Mail.Templates.{name}.liquid";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Mail template '{name}' is missing (embedded resource {resource}).");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (!text.StartsWith("Subject:", StringComparison.Ordinal) || split < 0)
            throw new InvalidOperationException($"Mail template '{name}' must start with 'Subject:' and a blank line.");
        var subject = text["Subject:".Length..split];
        var body = text[(split + 2)..];
        return (Parser.Parse(subject), Parser.Parse(body));
    }
}
