using Microsoft.AspNetCore.Localization;

namespace CommunityHub.Api.Infrastructure.Localization;

public static class LocalizationSetup
{
    /// <summary>
    /// Each request's UI culture (the language of every message) comes from <c>Accept-Language</c>: <c>fi</c> or
    /// <c>en</c> (regional forms such as <c>en-GB</c> fall back to them), Finnish when neither is asked for; the answer's
    /// <c>Content-Language</c> names it. Only the UI culture changes: number and date formatting stay invariant, so
    /// nothing written for machines (ETags, CSV codes, logs) shifts with the caller's language.
    /// </summary>
    public static IApplicationBuilder UseRequestLanguage(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo(Texts.FinnishCode)),
            SupportedCultures = [CultureInfo.InvariantCulture],
            SupportedUICultures = [CultureInfo.GetCultureInfo(Texts.FinnishCode), CultureInfo.GetCultureInfo(Texts.EnglishCode)],
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        app.UseRequestLocalization(options);
        // Set as the answer starts (not now): the exception handler clears the headers of a failed request.
        return app.Use((context, next) =>
        {
            var language = Texts.Language;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentLanguage = language;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
