
namespace CommunityHub.Api.Features.ApiKeys;

public sealed record CreateApiKeyCommand(ApiKeyInput Input) : IRequest<ApiKeyCreated>;

public sealed class ApiKeyInputValidator : AbstractValidator<ApiKeyInput>
{
    public ApiKeyInputValidator()
    {
        RuleFor(k => k.Name).NotEmpty().MaximumLength(200);
        RuleFor(k => k.Scopes).NotEmpty().WithMessage(_ => Texts.Get("apiKey.scopesRequired", string.Join(", ", ApiKeyScopes.All)));
        RuleForEach(k => k.Scopes).NotNull().WithMessage(_ => Texts.Get("apiKey.scope", string.Join(", ", ApiKeyScopes.All)))
            .OneOf(ApiKeyScopes.All).WithMessage(_ => Texts.Get("apiKey.scope", string.Join(", ", ApiKeyScopes.All)));
        RuleFor(k => k.MunicipalityCode).MunicipalityCode();
    }
}

public sealed class CreateApiKeyHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<CreateApiKeyCommand, ApiKeyCreated>
{
    public async Task<ApiKeyCreated> Handle(CreateApiKeyCommand request, CancellationToken ct)
    {
        var input = request.Input;
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var scopes = ApiKeyScopes.All.Where(s => input.Scopes!.Contains(s, StringComparer.Ordinal)).ToList();
        var generated = ApiKeySecret.Generate();

        await using var scope = await db.BeginWriteAsync(ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, name, key_prefix, key_hash, scopes, municipality_code, created_at, created_by, version)
            VALUES (@Id, @Name, @Prefix, @Hash, @Scopes, @MunicipalityCode, @Now, @CreatedBy, 1)
            """,
            new
            {
                Id = id,
                Name = input.Name!.Trim(),
                generated.Prefix,
                generated.Hash,
                Scopes = ApiKeyScopes.Store(scopes),
                input.MunicipalityCode,
                Now = now,
                CreatedBy = user.Subject,
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, ApiKeyData.Type, id, ChangeOp.Create, 1, input.MunicipalityCode, ct);
        await scope.CommitAsync(ct);
        return new ApiKeyCreated(id, input.Name.Trim(), generated.Key, scopes, input.MunicipalityCode, now, 1);
    }
}
