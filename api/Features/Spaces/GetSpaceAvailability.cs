using CommunityHub.Api.Features.Spaces.Bookings;

namespace CommunityHub.Api.Features.Spaces;

/// <summary>
/// When a space is open and busy between two instants: open hours from the weekly hours minus closures, busy from the
/// live bookings and blocks with their buffers, overlapping intervals joined. Never who booked: anyone who may see the
/// space may ask.
/// </summary>
public sealed record GetSpaceAvailabilityQuery(Guid Id, string? From, string? To) : IRequest<SpaceAvailability>;

public sealed class GetSpaceAvailabilityValidator : AbstractValidator<GetSpaceAvailabilityQuery>
{
    public const int MaxDays = 62;

    public GetSpaceAvailabilityValidator()
    {
        RuleFor(q => q.From).NotEmpty().Must(f => Rfc3339.TryParse(f, out _)).WithMessage(_ => Texts.Get("rfc3339.field", "from"));
        RuleFor(q => q.To).NotEmpty().Must(t => Rfc3339.TryParse(t, out _)).WithMessage(_ => Texts.Get("rfc3339.field", "to"));
        RuleFor(q => q.To)
            .Must((q, to) => !Rfc3339.TryParse(q.From, out var from) || !Rfc3339.TryParse(to, out var until) || (until > from && until - from <= TimeSpan.FromDays(MaxDays)))
            .When(q => q.From is not null && q.To is not null).WithMessage(_ => Texts.Get("space.availabilityRange", MaxDays));
    }
}

public sealed class GetSpaceAvailabilityHandler(Db db, ICurrentUser user) : IRequestHandler<GetSpaceAvailabilityQuery, SpaceAvailability>
{
    public async Task<SpaceAvailability> Handle(GetSpaceAvailabilityQuery request, CancellationToken ct)
    {
        // The validator has parsed both.
        if (!Rfc3339.TryParse(request.From, out var from) || !Rfc3339.TryParse(request.To, out var to))
        {
            throw new InvalidOperationException("from/to were validated");
        }
        await using var connection = await db.OpenAsync(ct);
        var space = await SpaceData.GetOrThrowAsync(connection, null, request.Id, user.MunicipalityScope, ct);
        var busy = await SpaceData.BusyAsync(connection, space.Id, from, to, ct);
        return new SpaceAvailability(space.Id, BookingRules.OpenIntervals(space.Hours, space.ClosureList, from, to), busy);
    }
}
