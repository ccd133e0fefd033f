using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// The partnership list's stored documents (<see cref="DocumentProjection{TRecord}"/>): each live partnership's
/// <see cref="PartnershipResponse"/> in <c>partnership_documents</c>, member names included. A page reads one stored row
/// per partnership instead of the row, its parties (a member-name lookup each) and its goals. A member's rename gives
/// every partnership showing the name a new version (<see cref="PartnershipPartyRename"/>), so their documents are
/// written again and their pages are read from the tables until then.
/// </summary>
public sealed class PartnershipDocuments(IOptions<JsonOptions> json, DocumentRenderer renderer)
    : DocumentProjection<PartnershipResponse>(
        PartnershipData.Type.Name, "partnerships", "partnership_documents", "partnership_id", json.Value.SerializerOptions, renderer)
{
    protected override async Task<IReadOnlyList<PartnershipResponse>> ReadAsync(WriteScope scope, string idsJson, CancellationToken ct)
    {
        var rows = await LiveRowsAsync<PartnershipRow>(scope, PartnershipData.Columns, "p", idsJson, ct);
        return await PartnershipData.WithDetailsAsync(scope.Dialect, scope.Connection, scope.Transaction, rows, ct);
    }
}
