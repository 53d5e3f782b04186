using System.Collections.Concurrent;
using Fluid;

namespace ReviewPortal.Application.Common.Mail;

/// <summary>A mail's subject and plain-text body after rendering.</summary>
public sealed record RenderedMail(string Subject, string Body);

/// <summary>
/// Liquid text written by people at run time (the chair's decision templates), rendered by Fluid. Members of the
/// model are read in snake_case, as Liquid users expect (<c>{{ speaker.name }}</c>, <c>{{ proposal.title }}</c>); only
/// the model's own values are reachable (no file system, no includes).
/// </summary>
public static class LiquidText
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new()
    {
        MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
        // A chair's loop over (1..100000000) must not hold a release or a preview: Fluid stops it with an error.
        MaxSteps = MaxSteps,
    };

    /// <summary>Statements one rendering may run (a letter with a dozen comments runs a few hundred).</summary>
    public const int MaxSteps = 20_000;

    // Templates change rarely and are rendered once per speaker on release: parse each text once.
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>Why the text is not valid Liquid (Fluid's message, with line and column), or null when it is.</summary>
    public static string? Check(string text) =>
        Parser.TryParse(text, out _, out var error) ? null : error;

    public static async Task<RenderedMail> RenderAsync(string subjectTemplate, string bodyTemplate, object model)
    {
        var context = new TemplateContext(model, Options);
        var subject = await Parse(subjectTemplate).RenderAsync(context);
        var body = await Parse(bodyTemplate).RenderAsync(context);
        // A subject is one line, whatever the template's values contain.
        return new RenderedMail(string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim(),
            body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n");
    }

    private static IFluidTemplate Parse(string text) => Parsed.GetOrAdd(text, t =>
        Parser.TryParse(t, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The mail template is not valid Liquid: {error}"));
}
