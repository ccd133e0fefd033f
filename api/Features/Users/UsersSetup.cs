using CommunityHub.Api.Infrastructure.Data.DemoData;
using Microsoft.AspNetCore.Identity;

namespace CommunityHub.Api.Features.Users;

public static class UsersSetup
{
    /// <summary>
    /// The user store (password hashing), what the session check reads of a user, the first admin created at start and
    /// the demo users.
    /// </summary>
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddScoped<UserStore>();
        services.AddSingleton<ISessionStateReader, UserSessionStateReader>();
        services.AddSingleton<IPasswordHasher<UserStore>, PasswordHasher<UserStore>>();
        services.AddScoped<IStartupTask, AdminBootstrap>();
        services.AddScoped<IDemoDataSeeder, DemoUsers>();
        return services;
    }
}
