
namespace CommunityHub.Api.Features.Privacy;

public static class PrivacyEndpoints
{
    /// <summary>The retention routine (and its hosted loop unless turned off) and the data subject's requests.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Privacy").Get<PrivacyOptions>() ?? new PrivacyOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<RegistrationRetention>();
        if (options.BackgroundRetention)
        {
            services.AddHostedService<RegistrationRetentionService>();
        }
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/privacy").WithTag("Privacy", "Personal data of one person (GDPR data subject requests, admin): export everything stored about an email address, or erase it.").RequireAuthorization(Policies.Admin);
        group.MapPost("/subjects/export", Export).WithName("exportPersonalData")
            .WithSummary("Everything stored about one email address, as JSON (admin; audited)")
            .WithDescription("Registrations (with their events), member contacts and user accounts whose email is `email`, " +
                "deleted ones included; the external identity provider's subjects that wrote with that email (their names are " +
                "copied beside the subject in the audit log, histories and reviews); the sign-in throttle's rows of the account. " +
                "The address goes in the body, never in the query string, where a proxy's access log would keep it; the former " +
                "`GET /api/v1/privacy/subjects?email=` answers 400 saying so. " +
                "Each export is written to the audit log without the address.")
            .Produces<PersonalDataExport>().WithProblems(401, 403, 415)
            .WithRequestExample(PrivacyExamples.Export);
        // The former form, with the address in the query string: kept only to answer 400 saying where the address goes now
        // (never with the address served back). It is no operation of the contract any more, so not in openapi.yaml.
        group.MapGet("/subjects", ExportMoved).ExcludeFromDescription();
        group.MapPost("/subjects/erase", Erase).WithName("erasePersonalData")
            .WithSummary("Erase one email address's personal data (admin; audited)")
            .WithDescription("Registrations are anonymised (counts, waiting-list statistics and feedback stay), member contacts " +
                "and user accounts are blanked and removed, and the accounts' names are cleared where they were copied: the audit " +
                "log, partnership and pilot histories, and partnership reviews (`reviewedBy`; such a review gets a new version). " +
                "The user ids stay there. Reviews written before reviewers were recorded by id are matched by the account's exact " +
                "display name. Returns how many registrations, contacts and accounts were erased. An admin's own account: 409.")
            .Produces<PersonalDataErasure>().WithProblems(401, 403, 409, 415)
            .WithRequestExample(PrivacyExamples.Erase);
        return routes;
    }

    private static async Task<IResult> Export(IMediator mediator, PersonalDataExportRequest input, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ExportPersonalDataQuery(input), ct));

    private static IResult ExportMoved() => throw new FieldValidationException("email", Texts.Get("privacy.emailInBody"));

    private static async Task<IResult> Erase(IMediator mediator, PersonalDataEraseRequest input, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ErasePersonalDataCommand(input), ct));
}
