using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Json.Schema;

namespace ReviewPortal.IntegrationTests.Schedule;

/// <summary>The c3voc schemas as copied into the project (schemas/c3voc-schedule), with the validators conference apps' authors use.</summary>
public static class ScheduleValidators
{
    private static string SchemaFile(string name) => Path.Combine(AppContext.BaseDirectory, "schemas", "c3voc-schedule", name);

    private static readonly Lazy<XmlSchemaSet> Xsd = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(SchemaFile("schedule.xml.xsd"));
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    private static readonly Lazy<JsonSchema> Json = new(() =>
        JsonSchema.FromText(File.ReadAllText(SchemaFile("schema.json")), new BuildOptions { Dialect = Dialect.Draft06 }));

    public static string ReadShippedExample() => File.ReadAllText(SchemaFile("pretalx-democon.json"));

    /// <summary>Every XSD error and warning of <paramref name="xml"/> (empty when it validates).</summary>
    public static IReadOnlyList<string> XmlErrors(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Xsd.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    /// <summary>Every failed keyword of <paramref name="json"/> against schema.json (draft-06, formats asserted), empty when valid.</summary>
    public static IReadOnlyList<string> JsonErrors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Json.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
            return [];
        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}")).DefaultIfEmpty("invalid")];
    }

    public static XDocument ParseXml(string xml) => XDocument.Parse(xml);
}
