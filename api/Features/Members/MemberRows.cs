using System.Data.Common;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;

namespace CommunityHub.Api.Features.Members;

/// <summary>The member row as stored, shared by the handlers that read members back.</summary>
internal sealed class MemberRow
{
    public const string Columns =
        "m.id, m.name, m.name_sort, m.business_id, m.kind, m.municipality_code, m.description, m.website, m.email, m.phone, " +
        "m.street, m.postal_code, m.city, m.membership_status, m.joined_on, m.ended_on, m.created_at, m.updated_at, m.version";

    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string NameSort { get; init; } = "";
    public string? BusinessId { get; init; }
    public string Kind { get; init; } = "";
    public string MunicipalityCode { get; init; } = "";
    public string? Description { get; init; }
    public string? Website { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Street { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string MembershipStatus { get; init; } = "";
    public DateOnly? JoinedOn { get; init; }
    public DateOnly? EndedOn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public MemberResponse ToResponse(IReadOnlyList<Sector> sectors) => new(
        Id,
        Name,
        BusinessId,
        EnumText.Parse<MemberKind>(Kind),
        sectors,
        MunicipalityCode,
        Description,
        Website,
        Email,
        Phone,
        Street is null && PostalCode is null && City is null ? null : new MemberAddress(Street, PostalCode, City),
        new Membership(EnumText.Parse<MembershipStatus>(MembershipStatus), JoinedOn, EndedOn),
        CreatedAt,
        UpdatedAt,
        Version);

    public static async Task<IReadOnlyList<MemberResponse>> WithSectorsAsync(
        DbConnection connection, DbTransaction? tx, IReadOnlyList<MemberRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var sectors = (await connection.QueryAsync<(Guid MemberId, string Sector)>(new CommandDefinition(
                "SELECT member_id, sector FROM member_sectors WHERE member_id IN @Ids ORDER BY sector",
                new { Ids = rows.Select(r => r.Id.ToString()).ToList() },
                tx,
                cancellationToken: ct)))
            .ToLookup(s => s.MemberId, s => EnumText.Parse<Sector>(s.Sector));
        return rows.Select(r => r.ToResponse(sectors[r.Id].Order().ToList())).ToList();
    }
}
