using CsvHelper;

namespace ReviewPortal.Application.Common.Text;

/// <summary>
/// The one way the application writes CSV, so every export now and later is safe to open in a spreadsheet:
/// a text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR (OWASP's list) is written quoted,
/// with <c>'</c> in front, which spreadsheets read as "this cell is text", not as a formula.
/// </summary>
public static class CsvFiles
{
    /// <summary>RFC 4180 with CsvHelper's injection protection (its defaults are OWASP's characters and escape).</summary>
    public static CsvWriterOptions WriterOptions { get; } = new() { Injection = CsvInjection.Escape };

    public static CsvWriter CreateWriter(TextWriter writer, bool leaveOpen = false) => CsvWriter.Create(writer, WriterOptions, leaveOpen);
}
