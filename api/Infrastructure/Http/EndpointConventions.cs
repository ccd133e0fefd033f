namespace CommunityHub.Api.Infrastructure.Http;

public static class EndpointConventions
{
    /// <summary>Declares the problem responses every endpoint can give, so they appear in openapi.yaml.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        builder.ProducesValidationProblem();
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }
        return builder;
    }

    /// <summary>An endpoint that reads a resource and honours If-None-Match.</summary>
    public static RouteHandlerBuilder ProducesTagged<T>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces<T>(status).Produces(StatusCodes.Status304NotModified);

    /// <summary>
    /// Shows <paramref name="example"/> as the request body's example in openapi.yaml, written as the API reads it; fields
    /// left null are left out, as a client sends only what it fills in. It must be a body the API accepts as it stands
    /// (RequestExampleTests send every one).
    /// </summary>
    public static RouteHandlerBuilder WithRequestExample<T>(this RouteHandlerBuilder builder, T example)
        where T : class =>
        builder.WithMetadata(new RequestExample(example));

    /// <summary>
    /// Lists a rule the handler checks against stored data (answering 400 that names <paramref name="field"/>, e.g.
    /// <c>parties[].memberId</c>) among the operation's "Rules checked by the server", in the words of its message.
    /// </summary>
    public static RouteHandlerBuilder ChecksOnServer(this RouteHandlerBuilder builder, string field, string textKey, params object?[] arguments) =>
        builder.WithMetadata(new ServerCheck(field, textKey, arguments));

    /// <summary>Groups the endpoints under a tag and gives the tag its description in openapi.yaml.</summary>
    public static TBuilder WithTag<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithTags(name).WithMetadata(new TagDescription(name, description));
}

/// <summary>The description of an OpenAPI tag, carried as endpoint metadata from the feature that owns the tag.</summary>
public sealed record TagDescription(string Name, string Description);

/// <summary>A request body to show as the operation's example, carried as endpoint metadata from the feature.</summary>
public sealed record RequestExample(object Body);

/// <summary>
/// A rule an endpoint's handler checks against stored data (a member that must exist, a goal of this partnership), which
/// answers 400 naming <see cref="Field"/>: listed in the operation's description like the validators' rules.
/// </summary>
public sealed record ServerCheck(string Field, string TextKey, object?[] Arguments)
{
    public string Describe() => Texts.Get(TextKey, Arguments);
}
