using System.Runtime.CompilerServices;
using CsvHelper;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// Every partnership matching the list filters, one row each, as an unbuffered sequence: rows are read from the
/// database while the response is being written, so memory stays flat however many partnerships match.
/// </summary>
public sealed record ExportPartnershipsQuery(
    string? Municipality,
    string? Status,
    string? ServiceArea,
    Guid? Member,
    string? UpdatedSince,
    string? Q,
    bool? ReviewDue,
    string? Dialect = null) : IRequest<IAsyncEnumerable<PartnershipCsvRow>>, IPartnershipFilter;

public sealed class ExportPartnershipsValidator : AbstractValidator<ExportPartnershipsQuery>
{
    public ExportPartnershipsValidator()
    {
        Include(new PartnershipFilterValidator());
        RuleFor(q => q.Dialect).Must(CsvDialect.IsKnown).WithMessage(_ => Texts.Get("csv.dialect", CsvDialect.Names));
    }
}

/// <summary>One exported partnership; parties and goals are already flattened by the database.</summary>
public sealed class PartnershipCsvRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public string ServiceArea { get; init; } = "";
    public string MunicipalityCode { get; init; } = "";
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string? AgreementRef { get; init; }
    public int? ReviewIntervalMonths { get; init; }
    public DateOnly? NextReviewDue { get; init; }
    public string? Parties { get; init; }
    public string? Goals { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

public sealed class ExportPartnershipsHandler(Db db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ExportPartnershipsQuery, IAsyncEnumerable<PartnershipCsvRow>>
{
    public Task<IAsyncEnumerable<PartnershipCsvRow>> Handle(ExportPartnershipsQuery request, CancellationToken ct)
    {
        var d = db.Dialect;
        var query = PartnershipFilterSql.Query(d, request, user, PartnershipDates.Today(clock));
        // "Oulun kaupunki (municipality); Kumppanuuskeskus (coordinator)" and "Goal (indicator: target); …", in list order;
        // in excel-fi the roles are Finnish labels ("Oulun kaupunki (kunta)").
        var role = RoleSql(CsvDialect.For(request.Dialect), query.Parameters);
        var parties = d.StringAgg($"CONCAT(m.name, ' (', {role}, ')')", "'; '", "pp.position");
        var goals = d.StringAgg(
            "CONCAT(g.title, CASE WHEN g.indicator IS NULL AND g.target IS NULL THEN '' " +
            "ELSE CONCAT(' (', COALESCE(g.indicator, '-'), ': ', COALESCE(g.target, '-'), ')') END)",
            "'; '",
            "g.position");
        return Task.FromResult(Stream(query.All(
            $"""
            p.id, p.title, p.status, p.service_area, p.municipality_code, p.starts_on, p.ends_on, p.agreement_ref,
                p.review_interval_months, p.next_review_due,
                (SELECT {parties} FROM partnership_parties pp JOIN members m ON m.id = pp.member_id WHERE pp.partnership_id = p.id) AS parties,
                (SELECT {goals} FROM partnership_goals g WHERE g.partnership_id = p.id) AS goals,
                p.description, p.created_at, p.updated_at, p.version
            """,
            "p.id",
            ct), ct));
    }

    private static string RoleSql(CsvDialect dialect, DynamicParameters parameters)
    {
        if (!dialect.Finnish)
        {
            return "pp.role";
        }
        var cases = Enum.GetValues<PartyRole>().Select(r =>
        {
            var code = EnumText.Name(r);
            parameters.Add("role_" + code, dialect.Label<PartyRole>(code));
            return $"WHEN '{code}' THEN @role_{code}";
        });
        return $"CASE pp.role {string.Join(" ", cases)} ELSE pp.role END";
    }

    private async IAsyncEnumerable<PartnershipCsvRow> Stream(CommandDefinition command, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // Unbuffered: Dapper hands out each row as the reader reaches it; nothing collects the whole result.
        await foreach (var row in connection.QueryUnbufferedAsync<PartnershipCsvRow>(command.CommandText, command.Parameters).WithCancellation(ct))
        {
            yield return row;
        }
    }
}

/// <summary>
/// Writes partnerships as CSV (CRLF, quoted where needed) in UTF-8 with a BOM, so Excel reads ä/ö right: RFC 4180 with codes
/// by default, or for Finnish Excel (<see cref="CsvDialect"/>).
/// </summary>
public static class PartnershipCsv
{
    public static readonly string[] Header =
    [
        "id", "title", "status", "serviceArea", "municipalityCode", "startsOn", "endsOn", "agreementRef",
        "reviewIntervalMonths", "nextReviewDue", "parties", "goals", "description", "createdAt", "updatedAt", "version",
    ];

    public static readonly string[] FinnishHeader =
    [
        "Tunniste", "Nimi", "Vaihe", "Palvelualue", "Kuntakoodi", "Alkaa", "Päättyy", "Sopimustunnus",
        "Arviointiväli (kk)", "Seuraava arviointi", "Osapuolet", "Tavoitteet", "Kuvaus", "Luotu", "Muokattu", "Versio",
    ];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<PartnershipCsvRow> rows, CsvDialect dialect, CancellationToken ct)
    {
        var options = dialect.Options;
        // The writer encodes UTF-8 into its own buffer and writes it out asynchronously whenever the buffer is mostly
        // full, so the response streams while rows are still being read (Kestrel refuses synchronous writes anyway).
        await using var csv = CsvWriter.Create(body, options, leaveOpen: true);
        csv.WriteHeader(dialect.Header(Header, FinnishHeader));
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.Id.ToString());
            csv.WriteField(row.Title);
            csv.WriteField(dialect.Label<PartnershipStatus>(row.Status));
            csv.WriteField(dialect.Label<ServiceArea>(row.ServiceArea));
            csv.WriteField(row.MunicipalityCode);
            csv.WriteField(dialect.Date(row.StartsOn));
            csv.WriteField(dialect.Date(row.EndsOn));
            csv.WriteField(row.AgreementRef);
            csv.WriteField(CsvDialect.Whole(row.ReviewIntervalMonths));
            csv.WriteField(dialect.Date(row.NextReviewDue));
            csv.WriteField(row.Parties);
            csv.WriteField(row.Goals);
            csv.WriteField(row.Description);
            csv.WriteField(dialect.Instant(row.CreatedAt));
            csv.WriteField(dialect.Instant(row.UpdatedAt));
            csv.WriteField(CsvDialect.Whole(row.Version));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }
}
