using System.Data.Common;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>The partnership row as stored, shared by the handlers that read partnerships back.</summary>
internal sealed class PartnershipRow
{
    public const string Columns =
        "p.id, p.title, p.description, p.municipality_code, p.service_area, p.status, p.starts_on, p.ends_on, p.agreement_ref, " +
        "p.review_interval_months, p.next_review_due, p.created_at, p.updated_at, p.version";

    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public string MunicipalityCode { get; init; } = "";
    public string ServiceArea { get; init; } = "";
    public string Status { get; init; } = "";
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string? AgreementRef { get; init; }
    public int? ReviewIntervalMonths { get; init; }
    public DateOnly? NextReviewDue { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public PartnershipStatus StatusValue => EnumText.Parse<PartnershipStatus>(Status);

    public PartnershipResponse ToResponse(IReadOnlyList<PartyResponse> parties, IReadOnlyList<GoalResponse> goals) => new(
        Id,
        Title,
        Description,
        MunicipalityCode,
        EnumText.Parse<ServiceArea>(ServiceArea),
        StatusValue,
        StartsOn,
        EndsOn,
        AgreementRef,
        ReviewIntervalMonths,
        NextReviewDue,
        parties,
        goals,
        CreatedAt,
        UpdatedAt,
        Version);

    /// <summary>A live partnership the caller may read (a municipality-bound API key sees only its municipality), or 404.</summary>
    public static async Task<PartnershipRow> GetAsync(
        DbConnection connection, DbTransaction? tx, Guid id, ICurrentUser user, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<PartnershipRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM partnerships p
            WHERE p.id = @Id AND p.deleted_at IS NULL AND (@Scope IS NULL OR p.municipality_code = @Scope)
            """,
            new { Id = id, Scope = user.MunicipalityScope },
            tx,
            cancellationToken: ct)) ?? throw new NotFoundException("Partnership", id);

    /// <summary>Adds parties (with member names) and goals to a page of rows: two queries, whatever the page size.</summary>
    public static async Task<IReadOnlyList<PartnershipResponse>> WithDetailsAsync(
        DbConnection connection, DbTransaction? tx, IReadOnlyList<PartnershipRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id.ToString()).ToList();
        var parties = (await connection.QueryAsync<PartyRow>(new CommandDefinition(
                """
                SELECT pp.partnership_id, pp.member_id, m.name AS member_name, pp.role, pp.responsibilities
                FROM partnership_parties pp JOIN members m ON m.id = pp.member_id
                WHERE pp.partnership_id IN @Ids ORDER BY pp.partnership_id, pp.position
                """,
                new { Ids = ids },
                tx,
                cancellationToken: ct)))
            .ToLookup(p => p.PartnershipId, p => new PartyResponse(p.MemberId, p.MemberName, EnumText.Parse<PartyRole>(p.Role), p.Responsibilities));
        var goals = (await connection.QueryAsync<GoalRow>(new CommandDefinition(
                """
                SELECT id, partnership_id, title, indicator, target FROM partnership_goals
                WHERE partnership_id IN @Ids ORDER BY partnership_id, position
                """,
                new { Ids = ids },
                tx,
                cancellationToken: ct)))
            .ToLookup(g => g.PartnershipId, g => new GoalResponse(g.Id, g.Title, g.Indicator, g.Target));
        return rows.Select(r => r.ToResponse(parties[r.Id].ToList(), goals[r.Id].ToList())).ToList();
    }

    public static async Task<PartnershipResponse> ReadBackAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        var row = await scope.Connection.QuerySingleAsync<PartnershipRow>(new CommandDefinition(
            $"SELECT {Columns} FROM partnerships p WHERE p.id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));
        return (await WithDetailsAsync(scope.Connection, scope.Transaction, [row], ct))[0];
    }
}

internal sealed class PartyRow
{
    public Guid PartnershipId { get; init; }
    public Guid MemberId { get; init; }
    public string MemberName { get; init; } = "";
    public string Role { get; init; } = "";
    public string? Responsibilities { get; init; }
}

internal sealed class GoalRow
{
    public Guid Id { get; init; }
    public Guid PartnershipId { get; init; }
    public string Title { get; init; } = "";
    public string? Indicator { get; init; }
    public string? Target { get; init; }
}

/// <summary>Dates as the hub sees them: reviews fall due on calendar days in Finland.</summary>
public static class PartnershipDates
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>Today's date in Europe/Helsinki.</summary>
    public static DateOnly Today(TimeProvider clock) => Today(clock.GetUtcNow());

    /// <summary>The date in Europe/Helsinki at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Helsinki).DateTime);

    /// <summary>
    /// The next review falls due one interval after the latest review, or after the start while none exists;
    /// without an interval (or a date to count from) nothing is due.
    /// </summary>
    public static DateOnly? NextReviewDue(DateOnly? startsOn, int? reviewIntervalMonths, DateOnly? latestReview) =>
        reviewIntervalMonths is { } months && (latestReview ?? startsOn) is { } from ? from.AddMonths(months) : null;
}
