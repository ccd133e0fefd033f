
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>What the partnerships handlers share: the rows, the column list, reading back, and the writes create and update both make.</summary>
public static class PartnershipData
{
    public static readonly EntityType Type = new("partnerships", InFeed: true);

    public const string Columns =
        "p.id, p.title, p.description, p.municipality_code, p.service_area, p.status, p.starts_on, p.ends_on, p.agreement_ref, " +
        "p.review_interval_months, p.next_review_due, p.created_at, p.updated_at, p.version";

    /// <summary>A live partnership the caller may read (a municipality-bound API key sees only its municipality), or 404.</summary>
    internal static async Task<PartnershipRow> GetOrThrowAsync(
        DbConnection connection, DbTransaction? tx, Guid id, ICurrentUser user, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<PartnershipRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM partnerships p
            WHERE p.id = @Id AND p.deleted_at IS NULL AND (@Scope IS NULL OR p.municipality_code = @Scope)
            """,
            new { Id = id, Scope = user.MunicipalityScope },
            tx,
            cancellationToken: ct)) ?? throw new NotFoundException("Partnership", id);

    /// <summary>The partnership a write changes, read inside its transaction at the version the caller expects (else 412).</summary>
    internal static async Task<PartnershipRow> GetForWriteAsync(WriteScope scope, Guid id, ICurrentUser user, long? expectedVersion, CancellationToken ct)
    {
        var current = await GetOrThrowAsync(scope.Connection, scope.Transaction, id, user, ct);
        PreconditionFailedException.ThrowIfStale(expectedVersion, current.Version);
        return current;
    }

    /// <summary>Adds parties (with member names) and goals to a page of rows: two queries, whatever the page size.</summary>
    internal static async Task<IReadOnlyList<PartnershipResponse>> WithDetailsAsync(
        SqlDialect dialect, DbConnection connection, DbTransaction? tx, IReadOnlyList<PartnershipRow> rows, CancellationToken ct)
    {
        var details = await DetailsAsync(dialect, connection, tx, rows, ct);
        var responses = new PartnershipResponse[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            responses[i] = rows[i].ToResponse(details.Parties[i], details.Goals[i]);
        }
        return responses;
    }

    /// <summary>
    /// The parties (with member names) and goals of the rows, index by index: two queries whatever the page size, each
    /// with one parameter holding the ids as a JSON array (Dapper's <c>IN @Ids</c> would bind one parameter per id,
    /// and Microsoft.Data.Sqlite looks each name up by scanning). The covering indexes on (partnership_id, position)
    /// return the children in order without a sort.
    /// </summary>
    internal static async Task<PartnershipDetails> DetailsAsync(
        SqlDialect dialect, DbConnection connection, DbTransaction? tx, IReadOnlyList<PartnershipRow> rows, CancellationToken ct)
    {
        var parties = new List<PartyResponse>[rows.Count];
        var goals = new List<GoalResponse>[rows.Count];
        if (rows.Count == 0)
        {
            return new PartnershipDetails(parties, goals);
        }
        var index = new Dictionary<string, int>(rows.Count, StringComparer.OrdinalIgnoreCase);
        var ids = new System.Text.StringBuilder(rows.Count * 39 + 2).Append('[');
        for (var i = 0; i < rows.Count; i++)
        {
            parties[i] = [];
            goals[i] = [];
            var id = rows[i].Id.ToString("D");
            index[id] = i;
            ids.Append(i == 0 ? "\"" : ",\"").Append(id).Append('"');
        }
        var parameters = new { Ids = ids.Append(']').ToString() };

        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            PartiesSql(dialect),
            parameters,
            tx,
            cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                parties[index[reader.GetString(0)]].Add(new PartyResponse(
                    Guid.Parse(reader.GetString(1)),
                    reader.GetString(2),
                    EnumText.Parse<PartyRole>(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            GoalsSql(dialect),
            parameters,
            tx,
            cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                goals[index[reader.GetString(0)]].Add(new GoalResponse(
                    Guid.Parse(reader.GetString(1)),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }
        return new PartnershipDetails(parties, goals);
    }

    private static string PartiesSql(SqlDialect dialect) =>
        $"""
        SELECT pp.partnership_id, pp.member_id, m.name, pp.role, pp.responsibilities
        FROM partnership_parties pp JOIN members m ON m.id = pp.member_id
        WHERE pp.partnership_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY pp.partnership_id, pp.position
        """;

    private static string GoalsSql(SqlDialect dialect) =>
        $"""
        SELECT partnership_id, id, title, indicator, target FROM partnership_goals
        WHERE partnership_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY partnership_id, position
        """;

    internal static async Task<PartnershipResponse> ReadBackAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        var row = await scope.Connection.QuerySingleAsync<PartnershipRow>(new CommandDefinition(
            $"SELECT {Columns} FROM partnerships p WHERE p.id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));
        return (await WithDetailsAsync(scope.Dialect, scope.Connection, scope.Transaction, [row], ct))[0];
    }

    /// <summary>The date of the partnership's latest review, or null while it has none.</summary>
    internal static Task<DateOnly?> LatestReviewAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        scope.Connection.ExecuteScalarAsync<DateOnly?>(new CommandDefinition(
            "SELECT MAX(reviewed_on) FROM partnership_reviews WHERE partnership_id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));

    /// <summary>The column values create and update both write.</summary>
    internal static object ColumnValues(Guid id, PartnershipInput input, DateOnly? nextReviewDue, long version, DateTimeOffset now) => new
    {
        Id = id,
        Title = input.Title!.Trim(),
        TitleSearch = FinnishText.SearchKey(input.Title),
        input.Description,
        input.MunicipalityCode,
        ServiceArea = EnumText.Name(input.ServiceArea!.Value),
        input.StartsOn,
        input.EndsOn,
        input.AgreementRef,
        input.ReviewIntervalMonths,
        NextReviewDue = nextReviewDue,
        Version = version,
        Now = now,
    };

    /// <summary>Every party must be an existing (not archived) member: a missing one is a 400 naming <c>parties[i].memberId</c>.</summary>
    internal static async Task EnsureMembersExistAsync(WriteScope scope, IReadOnlyList<PartyInput> parties, CancellationToken ct)
    {
        var existing = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM members WHERE id IN @Ids AND deleted_at IS NULL",
                new { Ids = parties.Select(p => p.MemberId!.Value.ToString()).ToList() },
                scope.Transaction,
                cancellationToken: ct)))
            .ToHashSet();
        FieldValidationException.ThrowForEntries(
            parties,
            party => !existing.Contains(party.MemberId!.Value),
            index => $"parties[{index}].memberId",
            party => Texts.Get("partnership.unknownMember", party.MemberId));
    }

    internal static async Task ReplacePartiesAsync(WriteScope scope, Guid id, IReadOnlyList<PartyInput> parties, CancellationToken ct)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM partnership_parties WHERE partnership_id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO partnership_parties (partnership_id, member_id, role, responsibilities, position)
            VALUES (@PartnershipId, @MemberId, @Role, @Responsibilities, @Position)
            """,
            parties.Select((p, i) => new
            {
                PartnershipId = id,
                MemberId = p.MemberId!.Value,
                Role = EnumText.Name(p.Role!.Value),
                p.Responsibilities,
                Position = i,
            }).ToList(),
            scope.Transaction,
            cancellationToken: ct));
    }
}

/// <summary>The partnership row as stored.</summary>
internal sealed class PartnershipRow
{
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
}

/// <summary>The parties and goals of a page of partnership rows, index by index (in position order).</summary>
internal sealed record PartnershipDetails(IReadOnlyList<PartyResponse>[] Parties, IReadOnlyList<GoalResponse>[] Goals);

/// <summary>One move in a partnership's history, as stored in <c>partnership_transitions</c>.</summary>
internal sealed class PartnershipTransitionRow
{
    public Guid Id { get; init; }
    public string FromStatus { get; init; } = "";
    public string ToStatus { get; init; } = "";
    public string? Note { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }

    public PartnershipTransitionResponse ToResponse() => new(
        Id, EnumText.Parse<PartnershipStatus>(FromStatus), EnumText.Parse<PartnershipStatus>(ToStatus), Note, At, ActorId, ActorName);
}
