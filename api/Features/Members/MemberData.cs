
namespace CommunityHub.Api.Features.Members;

/// <summary>What the members handlers share: the stored row, its columns, reading members back and the writes create and update both make.</summary>
public static class MemberData
{
    public static readonly EntityType Type = new("members", InFeed: true);

    public const string Columns =
        "m.id, m.name, m.name_sort, m.business_id, m.kind, m.municipality_code, m.description, m.website, m.email, m.phone, " +
        "m.street, m.postal_code, m.city, m.membership_status, m.joined_on, m.ended_on, m.created_at, m.updated_at, m.version";

    /// <summary>The live (not archived) member, or 404.</summary>
    internal static async Task<MemberRow> GetOrThrowAsync(DbConnection connection, DbTransaction? tx, Guid id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            $"SELECT {Columns} FROM members m WHERE m.id = @Id AND m.deleted_at IS NULL",
            new { Id = id },
            tx,
            cancellationToken: ct)) ?? throw new NotFoundException("Member", id);

    /// <summary>The member as written inside the open transaction.</summary>
    internal static async Task<MemberResponse> ReadBackAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        var row = await scope.Connection.QuerySingleAsync<MemberRow>(new CommandDefinition(
            $"SELECT {Columns} FROM members m WHERE m.id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));
        return (await WithSectorsAsync(scope.Dialect, scope.Connection, scope.Transaction, [row], ct))[0];
    }

    internal static async Task<IReadOnlyList<MemberResponse>> WithSectorsAsync(
        SqlDialect dialect, DbConnection connection, DbTransaction? tx, IReadOnlyList<MemberRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        // One parameter holding the ids as a JSON array: Dapper's IN @Ids binds one parameter per id.
        var sectors = (await connection.QueryAsync<(Guid MemberId, string Sector)>(new CommandDefinition(
                $"SELECT member_id, sector FROM member_sectors WHERE member_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY sector",
                new { Ids = SqlDialect.IdsJson(rows.Select(r => r.Id)) },
                tx,
                cancellationToken: ct)))
            .ToLookup(s => s.MemberId, s => EnumText.Parse<Sector>(s.Sector));
        return rows.Select(r => r.ToResponse(sectors[r.Id].Order().ToList())).ToList();
    }

    // The column values and sector rows that create and update both write.
    internal static object WriteParameters(Guid id, MemberInput input, MembershipInput membership, long version, DateTimeOffset now) => new
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

    internal static async Task EnsureBusinessIdFreeAsync(WriteScope scope, string? businessId, Guid? exceptId, CancellationToken ct)
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
            throw new ConflictException(Texts.Get("member.duplicateBusinessId", businessId));
        }
    }

    internal static async Task ReplaceSectorsAsync(WriteScope scope, Guid id, IEnumerable<Sector>? sectors, CancellationToken ct)
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

/// <summary>The member row as stored.</summary>
internal sealed class MemberRow
{
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
}
