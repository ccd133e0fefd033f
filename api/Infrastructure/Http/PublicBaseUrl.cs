namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// The public address links handed out by the API start with (<c>App:PublicBaseUrl</c>). A link never takes its host
/// from the request (a forged <c>Host</c> header would plant an attacker's address in a calendar feed), so outside
/// Development the setting is required; only Development falls back to the request's own address.
/// </summary>
public sealed class PublicBaseUrl(string? configured)
{
    public const string Setting = "App:PublicBaseUrl";

    public string For(HttpRequest request) =>
        (configured ?? $"{request.Scheme}://{request.Host}").TrimEnd('/');
}

public static class PublicBaseUrlSetup
{
    public static IServiceCollection AddPublicBaseUrl(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[PublicBaseUrl.Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"{PublicBaseUrl.Setting} is not configured. Outside Development the public https address of the web app must come from " +
                    "configuration (environment variable App__PublicBaseUrl): links the API hands out never take their host from the request.");
            }
            value = null;
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{PublicBaseUrl.Setting} must be an absolute http(s) address, such as https://yhteisohub.kaupunki.fi.");
        }
        return services.AddSingleton(new PublicBaseUrl(value));
    }
}
