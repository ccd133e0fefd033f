using System.Runtime.CompilerServices;
using CsvHelper;

namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// All of an event's registrations as CSV (UTF-8 with a byte order mark so spreadsheet apps read ä and ö), in arrival
/// order, with spreadsheet formula injection escaped (names come from the public); times in Europe/Helsinki. Same
/// access as the list. Rows stream from the database to the response, so memory stays flat.
/// </summary>
public sealed record ExportRegistrationsQuery(Guid EventId, string? Dialect = null) : IRequest<IAsyncEnumerable<RegistrationListRow>>;

public sealed class ExportRegistrationsValidator : AbstractValidator<ExportRegistrationsQuery>
{
    public ExportRegistrationsValidator() =>
        RuleFor(q => q.Dialect).Must(CsvDialect.IsKnown).WithMessage(_ => Texts.Get("csv.dialect", CsvDialect.Names));
}

public sealed class ExportRegistrationsHandler(Db db, ICurrentUser user) : IRequestHandler<ExportRegistrationsQuery, IAsyncEnumerable<RegistrationListRow>>
{
    public async Task<IAsyncEnumerable<RegistrationListRow>> Handle(ExportRegistrationsQuery request, CancellationToken ct)
    {
        // Access is checked here, before the first byte, so a 403/404 is still a problem answer.
        await using (var connection = await db.OpenAsync(ct))
        {
            await RegistrationData.EnsureMayListAsync(connection, user, request.EventId, ct);
        }
        return Stream(request.EventId, ct);
    }

    private async IAsyncEnumerable<RegistrationListRow> Stream(Guid eventId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = connection.QueryUnbufferedAsync<RegistrationListRow>(
            $"SELECT {RegistrationData.ListColumns} FROM registrations r WHERE r.event_id = @EventId ORDER BY r.queue_seq",
            new { EventId = eventId });
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return row;
        }
    }
}

/// <summary>Writes registrations as CSV: RFC 4180 with codes by default, or for Finnish Excel (<see cref="CsvDialect"/>).</summary>
public static class RegistrationCsv
{
    public static readonly string[] Header =
        ["id", "name", "email", "memberId", "status", "waitlistPosition", "registeredAt", "cancelledAt", "notes"];

    public static readonly string[] FinnishHeader =
        ["Tunniste", "Nimi", "Sähköposti", "Jäsenen tunniste", "Tila", "Varasija", "Ilmoittautunut", "Peruttu", "Lisätiedot"];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<RegistrationListRow> rows, CsvDialect dialect, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(body, dialect.Options, leaveOpen: true);
        csv.WriteHeader(dialect.Header(Header, FinnishHeader));
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.Id.ToString());
            csv.WriteField(row.Name);
            csv.WriteField(row.Email);
            csv.WriteField(row.MemberId?.ToString() ?? "");
            csv.WriteField(dialect.Label<RegistrationStatus>(row.Status));
            csv.WriteField(CsvDialect.Whole(row.WaitlistPosition) ?? "");
            csv.WriteField(dialect.LocalInstant(row.CreatedAt));
            csv.WriteField(row.CancelledAt is { } cancelled ? dialect.LocalInstant(cancelled) : "");
            csv.WriteField(row.Notes ?? "");
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }
}
