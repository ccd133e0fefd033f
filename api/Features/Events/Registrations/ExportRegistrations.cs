using System.Globalization;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Infrastructure.Time;
using CsvHelper;
using Dapper;
using MediatR;

namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// All of an event's registrations as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheet apps read ä and ö),
/// in arrival order, with spreadsheet formula injection escaped (names come from the public); times in Europe/Helsinki. Same access as the list.
/// </summary>
public sealed record ExportRegistrationsQuery(Guid EventId) : IRequest<byte[]>;

public sealed class ExportRegistrationsHandler(Db db, ICurrentUser user) : IRequestHandler<ExportRegistrationsQuery, byte[]>
{
    public async Task<byte[]> Handle(ExportRegistrationsQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await RegistrationData.EnsureMayListAsync(connection, user, request.EventId, ct);
        var rows = await connection.QueryAsync<RegistrationListRow>(new CommandDefinition(
            $"SELECT {RegistrationData.ListColumns} FROM registrations r WHERE r.event_id = @EventId ORDER BY r.queue_seq",
            new { request.EventId },
            cancellationToken: ct));

        await using var buffer = new MemoryStream();
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            await csv.WriteRecordAsync(["id", "name", "email", "memberId", "status", "waitlistPosition", "registeredAt", "cancelledAt", "notes"], ct);
            foreach (var row in rows)
            {
                await csv.WriteRecordAsync(
                    [
                        row.Id.ToString(),
                        row.Name,
                        row.Email,
                        row.MemberId?.ToString() ?? "",
                        row.Status,
                        row.WaitlistPosition?.ToString(CultureInfo.InvariantCulture) ?? "",
                        Local(row.CreatedAt),
                        row.CancelledAt is { } cancelled ? Local(cancelled) : "",
                        row.Notes ?? "",
                    ],
                    ct);
            }
        }
        return buffer.ToArray();
    }

    private static string Local(DateTimeOffset instant) =>
        Helsinki.Local(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
