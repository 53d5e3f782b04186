using ReviewPortal.Application.Common.Text;

namespace ReviewPortal.UnitTests.Text;

public sealed class CsvFilesTests
{
    private static async Task<string> WriteAsync(params string[] fields)
    {
        await using var text = new StringWriter();
        await using (var csv = CsvFiles.CreateWriter(text))
        {
            await csv.WriteRecordAsync(fields, TestContext.Current.CancellationToken);
            await csv.FlushAsync(TestContext.Current.CancellationToken);
        }

        return text.ToString().TrimEnd('\r', '\n');
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    public async Task A_cell_that_starts_like_a_formula_is_written_as_text(string cell, string written)
    {
        Assert.Equal(written, await WriteAsync(cell));
    }

    [Theory]
    [InlineData("Plain title", "Plain title")]
    [InlineData("a=b", "a=b")]
    [InlineData("3", "3")]
    public async Task Other_cells_are_written_as_they_are(string cell, string written)
    {
        Assert.Equal(written, await WriteAsync(cell));
    }
}
