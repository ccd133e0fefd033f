using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Members;

/// <summary>
/// The members list's stored documents (<see cref="DocumentProjection{TRecord}"/>): each live member's
/// <see cref="MemberResponse"/> in <c>member_documents</c>. A page reads one stored row per member instead of the row
/// and its sectors.
/// </summary>
public sealed class MemberDocuments(IOptions<JsonOptions> json, DocumentRenderer renderer)
    : DocumentProjection<MemberResponse>(MemberData.Type.Name, "members", "member_documents", "member_id", json.Value.SerializerOptions, renderer)
{
    protected override async Task<IReadOnlyList<MemberResponse>> ReadAsync(WriteScope scope, string idsJson, CancellationToken ct)
    {
        var rows = (await scope.Connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {MemberData.Columns} FROM members m WHERE m.id IN ({scope.Dialect.IdsFromJson("@Ids")}) AND m.deleted_at IS NULL",
            new { Ids = idsJson },
            scope.Transaction,
            cancellationToken: ct))).AsList();
        return await MemberData.WithSectorsAsync(scope.Dialect, scope.Connection, scope.Transaction, rows, ct);
    }

    protected override (Guid Id, long Version) KeyOf(MemberResponse record) => (record.Id, record.Version);
}
