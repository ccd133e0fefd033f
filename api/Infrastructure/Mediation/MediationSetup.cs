using System.Collections.Concurrent;
using System.Reflection;

namespace CommunityHub.Api.Infrastructure.Mediation;

/// <summary>
/// MediatR 5.1.0 has no DI package here (STACK.md), so handlers and the validation behaviour are registered by a
/// small scan of this assembly. Validators come from FluentValidation's own <c>AddValidatorsFromAssembly</c>.
/// </summary>
public static class MediationSetup
{
    public static IServiceCollection AddMediation(this IServiceCollection services, Assembly assembly)
    {
        // Validators hold no state and take no dependencies (messages are looked up when a rule fails, in the request's
        // language), so each is built once: building a list's validator per request cost more than running it.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        // Lists' limit and cursor: resolved beside a list's own validator, skipped for requests that are not lists.
        services.AddSingleton(typeof(IValidator<>), typeof(PagingValidator<>));
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            {
                services.AddScoped(contract, type);
            }
        }
        return services;
    }
}

/// <summary>
/// Runs, before the handler, the request's own validators (route and query rules) and the validators of every input
/// shape the request carries (the body: <c>MemberInput</c>, …). A body is validated as itself, so its errors name the
/// body's own fields (<c>name</c>, <c>sectors[1]</c>) with no wrapper validator and no prefix to strip.
/// Failures become a 400 naming the fields.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IServiceProvider services)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly ConcurrentDictionary<Type, Type> ValidatorTypes = new();

    // The request's properties that can carry an input shape: records and classes, not strings, ids or numbers.
    private static readonly PropertyInfo[] Shapes = typeof(TRequest)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType.IsClass && p.PropertyType != typeof(string) && p.GetIndexParameters().Length == 0)
        .ToArray();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in services.GetServices<IValidator<TRequest>>())
        {
            failures.AddRange((await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken)).Errors);
        }
        foreach (var shape in Shapes)
        {
            if (shape.GetValue(request) is not { } input)
            {
                continue;
            }
            var validatorType = ValidatorTypes.GetOrAdd(shape.PropertyType, t => typeof(IValidator<>).MakeGenericType(t));
            foreach (var validator in services.GetServices(validatorType).OfType<IValidator>())
            {
                failures.AddRange((await validator.ValidateAsync(new ValidationContext<object>(input), cancellationToken)).Errors);
            }
        }
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        return await next();
    }
}
