using System.Globalization;

[assembly: AssemblyFixture(typeof(CommunityHub.Api.Tests.Infrastructure.TSql.TSqlReport))]

namespace CommunityHub.Api.Tests.Infrastructure.TSql;

/// <summary>
/// At the end of a run, writes how many distinct statements were checked as T-SQL to <c>tsql-statements.txt</c>
/// beside the test binary (scripts/test.sh prints it), with the statements themselves for review.
/// </summary>
public sealed class TSqlReport : IDisposable
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "tsql-statements.txt");

    public void Dispose()
    {
        var statements = TSqlCapture.Checked.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        if (statements.Count == 0)
        {
            return;
        }
        var failed = statements.Count(s => s.Value.Count > 0);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"T-SQL check: {statements.Count} distinct handler statements parsed as SQL Server and checked against the migrations' schema, {failed} failed; {TSqlSchema.SqlServer.BatchCount} migration batches parsed."),
        };
        lines.AddRange(statements.Select(s => (s.Value.Count > 0 ? "FAILED " + string.Join("; ", s.Value) + "\n" : "") + s.Key + "\n----"));
        File.WriteAllLines(FilePath, lines);
        GC.SuppressFinalize(this);
    }
}
