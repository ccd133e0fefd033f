
namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>A resource whose URL ends in its id and whose ETag is its version (<see cref="ETags.ForVersion"/>).</summary>
public interface IVersionedResource
{
    Guid Id { get; }

    long Version { get; }
}

/// <summary>
/// The endpoint bodies every versioned resource shares, so a feature's route map names only the request each endpoint
/// sends: read or write through MediatR and answer the resource with its version as ETag (a read answers 304 to a
/// matching If-None-Match); a write passes the If-Match version on to its command (<see cref="ETags.ExpectedVersion"/>).
/// Operation names, summaries and declared responses stay on the route map.
/// </summary>
public static class Versioned
{
    /// <summary><c>GET /{id}</c>: the resource.</summary>
    public static Func<HttpContext, IMediator, Guid, CancellationToken, Task<IResult>> Get<T>(Func<Guid, IRequest<T>> query)
        where T : IVersionedResource =>
        async (http, mediator, id, ct) =>
        {
            var resource = await mediator.Send(query(id), ct);
            return Tagged.Ok(http, resource, resource.Version);
        };

    /// <summary><c>POST /</c>: 201 with the created resource, its Location under <paramref name="collection"/>.</summary>
    public static Func<HttpContext, IMediator, TInput, CancellationToken, Task<IResult>> Create<TInput, T>(
        string collection, Func<TInput, IRequest<T>> command)
        where TInput : class
        where T : IVersionedResource =>
        async (http, mediator, input, ct) =>
        {
            var resource = await mediator.Send(command(input), ct);
            return Tagged.Created(http, $"{collection}/{resource.Id}", resource, resource.Version);
        };

    /// <summary><c>PUT /{id}</c> or another write with a body (a transition): the resource as written.</summary>
    public static Func<HttpContext, IMediator, Guid, TInput, CancellationToken, Task<IResult>> Write<TInput, T>(
        Func<Guid, TInput, long?, IRequest<T>> command)
        where TInput : class
        where T : IVersionedResource =>
        async (http, mediator, id, input, ct) =>
        {
            var resource = await mediator.Send(command(id, input, ETags.ExpectedVersion(http.Request)), ct);
            return Tagged.Ok(http, resource, resource.Version);
        };

    /// <summary><c>DELETE /{id}</c>: 204.</summary>
    public static Func<HttpContext, IMediator, Guid, CancellationToken, Task<IResult>> Delete(Func<Guid, long?, IRequest<Unit>> command) =>
        async (http, mediator, id, ct) =>
        {
            await mediator.Send(command(id, ETags.ExpectedVersion(http.Request)), ct);
            return TypedResults.NoContent();
        };
}
