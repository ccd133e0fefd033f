using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;

namespace CommunityHub.Api.Features.Members;

/// <summary>The column values and sector rows that create and update both write.</summary>
internal static class MemberWrites
{
    public static object Columns(Guid id, MemberInput input, Membership membership, long version, DateTimeOffset now) => new
    {
        Id = id,
        Name = input.Name!.Trim(),
        NameSort = FinnishText.SortKey(input.Name),
        NameSearch = FinnishText.SearchKey(input.Name),
        BusinessId = input.BusinessId,
        Kind = EnumText.Name(input.Kind!.Value),
        input.MunicipalityCode,
        input.Description,
        input.Website,
        input.Email,
        input.Phone,
        input.Address?.Street,
        input.Address?.PostalCode,
        input.Address?.City,
        MembershipStatus = EnumText.Name(membership.Status ?? MembershipStatus.Active),
        membership.JoinedOn,
        membership.EndedOn,
        Version = version,
        Now = now,
    };

    public static async Task EnsureBusinessIdFreeAsync(WriteScope scope, string? businessId, Guid? exceptId, CancellationToken ct)
    {
        if (businessId is null)
        {
            return;
        }
        var taken = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE business_id = @BusinessId AND deleted_at IS NULL AND (@ExceptId IS NULL OR id <> @ExceptId)",
            new { BusinessId = businessId, ExceptId = exceptId?.ToString() },
            scope.Transaction,
            cancellationToken: ct));
        if (taken > 0)
        {
            throw new ConflictException($"A member with business id {businessId} already exists.");
        }
    }

    public static async Task ReplaceSectorsAsync(WriteScope scope, Guid id, IEnumerable<Sector>? sectors, CancellationToken ct)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM member_sectors WHERE member_id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));
        var rows = (sectors ?? []).Distinct().Select(s => new { Id = id, Sector = EnumText.Name(s) }).ToList();
        if (rows.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO member_sectors (member_id, sector) VALUES (@Id, @Sector)", rows, scope.Transaction, cancellationToken: ct));
        }
    }
}
