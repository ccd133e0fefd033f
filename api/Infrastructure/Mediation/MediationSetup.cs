using System.Reflection;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Infrastructure.Mediation;

/// <summary>
/// MediatR 5.1.0 has no DI package here (STACK.md), so handlers, validators and the validation behaviour are
/// registered by a small scan of this assembly.
/// </summary>
public static class MediationSetup
{
    public static IServiceCollection AddMediation(this IServiceCollection services, Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                // Only validators of requests run in the pipeline; validators of nested input shapes are composed by them.
                var isRequestValidator = definition == typeof(IValidator<>) && IsRequest(contract.GetGenericArguments()[0]);
                if (definition == typeof(IRequestHandler<,>) || isRequestValidator)
                {
                    services.AddScoped(contract, type);
                }
            }
        }

        // A rule stops at its first failure, so later checks in a chain may assume the earlier ones held (e.g. not null).
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        return services;
    }

    private static bool IsRequest(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>));
}

/// <summary>Runs every validator of the request before its handler; failures become a 400 naming the fields.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        return await next();
    }
}
