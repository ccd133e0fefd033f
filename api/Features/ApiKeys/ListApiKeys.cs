using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>Every key, revoked ones included (with <c>revokedAt</c>), by id (creation order); never secrets or hashes.</summary>
public sealed record ListApiKeysQuery(int? Limit, string? Cursor) : IRequest<ApiKeyPage>;

public sealed class ListApiKeysValidator : AbstractValidator<ListApiKeysQuery>
{
    public const string CursorKind = "api_keys";

    public ListApiKeysValidator() => this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
}

public sealed class ListApiKeysHandler(Db db) : IRequestHandler<ListApiKeysQuery, ApiKeyPage>
{
    public async Task<ApiKeyPage> Handle(ListApiKeysQuery request, CancellationToken ct)
    {
        var take = request.Limit ?? Paging.DefaultLimit;
        var after = request.Cursor is null ? null : Cursor.Decode(request.Cursor, ListApiKeysValidator.CursorKind, 1)[0];
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(
            $"""
            SELECT {ApiKeyRow.Columns} FROM api_keys WHERE (@After IS NULL OR id > @After)
            ORDER BY id {db.Dialect.Limit("@Take")}
            """,
            new { After = after, Take = take + 1 },
            cancellationToken: ct))).ToList();
        var page = rows.Take(take).Select(r => r.ToResponse()).ToList();
        return new ApiKeyPage(page, rows.Count > take ? Cursor.Encode(ListApiKeysValidator.CursorKind, page[^1].Id.ToString()) : null);
    }
}

public sealed record GetApiKeyQuery(Guid Id) : IRequest<ApiKeyResponse>;

public sealed class GetApiKeyHandler(Db db) : IRequestHandler<GetApiKeyQuery, ApiKeyResponse>
{
    public async Task<ApiKeyResponse> Handle(GetApiKeyQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(
            $"SELECT {ApiKeyRow.Columns} FROM api_keys WHERE id = @Id", new { request.Id }, cancellationToken: ct));
        return row?.ToResponse() ?? throw new NotFoundException("API key", request.Id);
    }
}
