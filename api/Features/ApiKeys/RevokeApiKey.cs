
namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>
/// Revokes a key. Authentication reads the row on every request (nothing is cached), so the next request with the
/// key is refused. Revoking a revoked key changes nothing and answers 204 again.
/// </summary>
public sealed record RevokeApiKeyCommand(Guid Id, long? ExpectedVersion) : IRequest<Unit>;

public sealed class RevokeApiKeyHandler(Db db, ChangeLog changes, TimeProvider clock, ApiKeyAuthenticator keys)
    : IRequestHandler<RevokeApiKeyCommand, Unit>
{
    public async Task<Unit> Handle(RevokeApiKeyCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await ApiKeyData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        if (current.RevokedAt is not null)
        {
            return Unit.Value;
        }
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @Now, version = version + 1 WHERE id = @Id",
            new { request.Id, Now = clock.GetUtcNow() },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, ApiKeyData.Type, request.Id, ChangeOp.Delete, current.Version + 1, current.MunicipalityCode, ct);
        await scope.CommitAsync(ct);
        keys.Forget(request.Id);
        return Unit.Value;
    }
}
