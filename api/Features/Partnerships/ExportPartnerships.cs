using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using CsvHelper;
using Dapper;
using FluentValidation;
using MediatR;

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
    bool? ReviewDue) : IRequest<IAsyncEnumerable<PartnershipCsvRow>>, IPartnershipFilter;

public sealed class ExportPartnershipsValidator : AbstractValidator<ExportPartnershipsQuery>
{
    public ExportPartnershipsValidator() => Include(new PartnershipFilterValidator());
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
        // "Oulun kaupunki (municipality); Kumppanuuskeskus (coordinator)" and "Goal (indicator: target); …", in list order.
        var parties = d.StringAgg("CONCAT(m.name, ' (', pp.role, ')')", "'; '", "pp.position");
        var goals = d.StringAgg(
            "CONCAT(g.title, CASE WHEN g.indicator IS NULL AND g.target IS NULL THEN '' " +
            "ELSE CONCAT(' (', COALESCE(g.indicator, '-'), ': ', COALESCE(g.target, '-'), ')') END)",
            "'; '",
            "g.position");
        var sql = new StringBuilder(
            $"""
            SELECT p.id, p.title, p.status, p.service_area, p.municipality_code, p.starts_on, p.ends_on, p.agreement_ref,
                p.review_interval_months, p.next_review_due,
                (SELECT {parties} FROM partnership_parties pp JOIN members m ON m.id = pp.member_id WHERE pp.partnership_id = p.id) AS parties,
                (SELECT {goals} FROM partnership_goals g WHERE g.partnership_id = p.id) AS goals,
                p.description, p.created_at, p.updated_at, p.version
            FROM partnerships p WHERE p.deleted_at IS NULL
            """);
        var parameters = new DynamicParameters();
        PartnershipFilterSql.Apply(sql, parameters, d, request, user, PartnershipDates.Today(clock));
        sql.Append(" ORDER BY p.id");
        return Task.FromResult(Stream(sql.ToString(), parameters, ct));
    }

    private async IAsyncEnumerable<PartnershipCsvRow> Stream(string sql, DynamicParameters parameters, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // Unbuffered: Dapper hands out each row as the reader reaches it; nothing collects the whole result.
        await foreach (var row in connection.QueryUnbufferedAsync<PartnershipCsvRow>(sql, parameters).WithCancellation(ct))
        {
            yield return row;
        }
    }
}

/// <summary>Writes partnerships as RFC 4180 CSV (CRLF, quoted where needed) in UTF-8 with a BOM, so Excel reads ä/ö right.</summary>
public static class PartnershipCsv
{
    public static readonly string[] Header =
    [
        "id", "title", "status", "serviceArea", "municipalityCode", "startsOn", "endsOn", "agreementRef",
        "reviewIntervalMonths", "nextReviewDue", "parties", "goals", "description", "createdAt", "updatedAt", "version",
    ];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<PartnershipCsvRow> rows, CancellationToken ct)
    {
        var options = CsvWriterOptions.Default with
        {
            WriteByteOrderMark = true,
            // Spreadsheet users open this file: a cell starting with = + - @ is prefixed with ' rather than run as a formula.
            Injection = CsvInjection.Escape,
        };
        // The writer encodes UTF-8 into its own buffer and writes it out asynchronously whenever the buffer is mostly
        // full, so the response streams while rows are still being read (Kestrel refuses synchronous writes anyway).
        await using var csv = CsvWriter.Create(body, options, leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.Id.ToString());
            csv.WriteField(row.Title);
            csv.WriteField(row.Status);
            csv.WriteField(row.ServiceArea);
            csv.WriteField(row.MunicipalityCode);
            csv.WriteField(Date(row.StartsOn));
            csv.WriteField(Date(row.EndsOn));
            csv.WriteField(row.AgreementRef);
            csv.WriteField(row.ReviewIntervalMonths?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Date(row.NextReviewDue));
            csv.WriteField(row.Parties);
            csv.WriteField(row.Goals);
            csv.WriteField(row.Description);
            csv.WriteField(Instant(row.CreatedAt));
            csv.WriteField(Instant(row.UpdatedAt));
            csv.WriteField(row.Version.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
