using System.Runtime.CompilerServices;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Mediation;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Web;

/// <summary>The paging rules are registered once, for every list request, and for nothing else.</summary>
public sealed class PagingValidatorTests
{
    private static readonly IServiceProvider Services =
        new ServiceCollection().AddMediation(typeof(IPagedQuery).Assembly).BuildServiceProvider();

    private static readonly Type[] PagedQueries = typeof(IPagedQuery).Assembly.GetTypes()
        .Where(t => t is { IsInterface: false, IsAbstract: false } && t.IsAssignableTo(typeof(IPagedQuery)))
        .ToArray();

    [Fact]
    public void Every_list_request_gets_the_limit_and_cursor_rules_once()
    {
        PagedQueries.Length.ShouldBeGreaterThanOrEqualTo(12);
        foreach (var type in PagedQueries)
        {
            var query = RuntimeHelpers.GetUninitializedObject(type);
            type.GetProperty(nameof(IPagedQuery.Limit))!.SetValue(query, 0);
            type.GetProperty(nameof(IPagedQuery.Cursor))!.SetValue(query, "nonsense");
            var paging = Services.GetServices(typeof(IValidator<>).MakeGenericType(type))
                .OfType<IValidator>()
                .Where(v => v.GetType().IsGenericType && v.GetType().GetGenericTypeDefinition() == typeof(PagingValidator<>))
                .ToList();
            paging.Count.ShouldBe(1, type.Name);
            var errors = paging[0].Validate(new ValidationContext<object>(query)).Errors.Select(e => e.PropertyName).ToList();
            errors.ShouldBe(["limit", "cursor"], ignoreOrder: true, customMessage: type.Name);
        }
    }

    [Fact]
    public void A_request_that_is_not_a_list_resolves_only_its_own_validators()
    {
        var validators = Services.GetServices<IValidator<GetMemberQuery>>().ToList();
        validators.ShouldNotContain(v => v.GetType().IsGenericType);
    }
}
