namespace CommunityHub.Api.Features.Mail;

public static class MailSetup
{
    /// <summary>
    /// The <c>Mail</c> settings (checked: outside Development a missing <c>Mail:Smtp:Host</c> stops start-up unless
    /// <c>Mail:Enabled=false</c>), the outbox features write to, the transport (SMTP, or the pickup folder in
    /// Development without a host) and, unless turned off, the background sender.
    /// </summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("Mail").Get<MailOptions>() ?? new MailOptions();
        options.Validate(environment.IsDevelopment());
        services.AddSingleton(options);
        services.AddSingleton<MailOutbox>();
        services.AddSingleton(new MailLinks(
            configuration[PublicBaseUrl.Setting] is { Length: > 0 } publicBase ? publicBase : MailLinks.DevelopmentBase, options.FromAddress.Address));
        services.AddSingleton<IMailTransport>(options.UsesPickupDirectory
            ? new PickupDirectoryTransport(Path.Combine(environment.ContentRootPath, options.PickupDirectory))
            : new SmtpMailTransport(options));
        services.AddSingleton(provider => new MailSender(
            provider.GetRequiredService<Db>(),
            provider.GetRequiredService<IMailTransport>(),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MailSender>>())
        {
            RetentionDays = configuration.GetValue("Privacy:MailRetentionDays", 30),
        });
        if (options.Enabled && options.BackgroundDelivery)
        {
            services.AddHostedService<MailSenderService>();
        }
        return services;
    }
}
