namespace CommunityHub.Api.Features.Mail;

/// <summary>The mail log, newest first, optionally of one status.</summary>
public sealed record ListMailQuery(string? Status, int? Limit, string? Cursor) : IRequest<MailLogPage>;

public sealed class ListMailValidator : AbstractValidator<ListMailQuery>
{
    public const string CursorKind = "mail";

    public ListMailValidator()
    {
        RuleFor(q => q.Status).Must(s => EnumText.TryParse<MailStatus>(s, out _)).When(q => q.Status is not null)
            .WithMessage(_ => Texts.Get("filter.status", EnumText.Allowed<MailStatus>()));
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

public sealed class ListMailHandler(Db db) : IRequestHandler<ListMailQuery, MailLogPage>
{
    public async Task<MailLogPage> Handle(ListMailQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListMailValidator.CursorKind, 1, request.Limit, request.Cursor);
        var query = new ListQuery(db.Dialect, "mail_outbox").Where("status = @Status", "Status", request.Status);
        await using var connection = await db.OpenAsync(ct);
        var page = await query.PageAsync<MailRow>(
            connection, MailRow.Columns, keyset, [KeyColumn.Id("id", descending: true)], r => [r.Id.ToString()], ct);
        return new MailLogPage(page.Items.Select(r => r.ToItem()).ToList(), page.NextCursor);
    }
}
