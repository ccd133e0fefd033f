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
        var rows = await LiveRowsAsync<MemberRow>(scope, MemberData.Columns, "m", idsJson, ct);
        return await MemberData.WithSectorsAsync(scope.Dialect, scope.Connection, scope.Transaction, rows, ct);
    }
}
