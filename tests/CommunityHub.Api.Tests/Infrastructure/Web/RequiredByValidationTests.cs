using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Validation;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Web;

/// <summary>What a request schema requires and limits, read from validators: the body's own rules and the child rules of nested shapes.</summary>
public sealed class RequiredByValidationTests
{
    public sealed record Venue(string? Name, string? City);

    public sealed record Line(Guid? ProductId, int? Quantity, string? Note);

    public sealed record Order(string? Title, Venue? Venue, IReadOnlyList<Line>? Lines, Venue? Pickup);

    public sealed class LineValidator : AbstractValidator<Line>
    {
        public LineValidator()
        {
            RuleFor(l => l.ProductId).NotNull();
            RuleFor(l => l.Quantity).NotNull().InclusiveBetween(1, 99).When(l => l.Note is null);
            RuleFor(l => l.Note).MaximumLength(100);
        }
    }

    public sealed class OrderValidator : AbstractValidator<Order>
    {
        public OrderValidator()
        {
            RuleFor(o => o.Title).NotEmpty();
            RuleFor(o => o.Venue!).ChildRules(venue =>
            {
                venue.RuleFor(v => v.Name).NotEmpty();
                venue.RuleFor(v => v.City).NotEmpty();
            });
            RuleForEach(o => o.Lines).NotNull().SetValidator(new LineValidator());
            RuleFor(o => o.Pickup!).ChildRules(venue => venue.RuleFor(v => v.Name).NotEmpty());
        }
    }

    public sealed record Basket(IReadOnlyList<string>? Codes, int? Count, string? Shop, Venue? Backup);

    public sealed class BasketValidator : AbstractValidator<Basket>
    {
        public BasketValidator()
        {
            RuleFor(b => b.Codes).NotNull().ItemCount(min: 2, max: 9).UniqueItems();
            RuleForEach(b => b.Codes).NotEmpty().OneOf(["a1", "b2", "c3"]);
            RuleFor(b => b.Count).GreaterThan(0).LessThanOrEqualTo(50);
            RuleFor(b => b.Backup!.Name).MaximumLength(20).OverridePropertyName("backup.name");
            RuleFor(b => b.Shop).HttpUrl().Must(s => s is null || !s.Contains("ads", StringComparison.Ordinal)).WithMessage("No ad shops.");
        }
    }

    [Fact]
    public void Rules_with_a_schema_keyword_are_read_as_it_and_the_rest_described_in_their_own_words()
    {
        var services = new ServiceCollection().AddScoped<IValidator<Basket>, BasketValidator>().BuildServiceProvider();
        using var scope = services.CreateScope();
        var rules = ValidationRules.Read([typeof(Basket)], scope.ServiceProvider);
        var codes = rules.Shapes[typeof(Basket)]["codes"];
        (codes.Demanded, codes.MinItems, codes.MaxItems, codes.UniqueItems).ShouldBe((true, 2, 9, true));
        codes.Items!.Enum.ShouldBe(["a1", "b2", "c3"]);
        codes.Items.NotBlank.ShouldBeTrue();
        var count = rules.Shapes[typeof(Basket)]["count"];
        (count.ExclusiveMinimum, count.Maximum).ShouldBe((0m, 50m));
        rules.Shapes[typeof(Basket)]["shop"].Format.ShouldBe("uri");
        // A nested field's rule by name is another shape's: described, not in the schema.
        rules.Described[typeof(Basket)].ShouldBe([("backup.name", "The length of 'name' must be 20 characters or fewer."), ("shop", "No ad shops.")]);
    }

    public sealed record Booking(Venue? Venue, Venue? Backup);

    public sealed class BookingValidator : AbstractValidator<Booking>
    {
        public BookingValidator()
        {
            RuleFor(b => b.Venue!).ChildRules(venue => venue.RuleFor(v => v.Name).NotEmpty()).When(b => b.Backup is null);
            RuleFor(b => b.Backup!).ChildRules(venue => venue.RuleFor(v => v.City).NotEmpty());
        }
    }

    private static IReadOnlyDictionary<Type, HashSet<string>> Required(Type body)
    {
        var services = new ServiceCollection()
            .AddScoped<IValidator<Order>, OrderValidator>()
            .AddScoped<IValidator<Booking>, BookingValidator>()
            .BuildServiceProvider();
        using var scope = services.CreateScope();
        return ValidationRules.Read([body], scope.ServiceProvider).Shapes.ToDictionary(
            shape => shape.Key,
            shape => shape.Value.Where(p => p.Value.Demanded).Select(p => p.Key).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Limits_of_nested_items_are_read_and_conditional_rules_are_described_by_field()
    {
        var services = new ServiceCollection().AddScoped<IValidator<Order>, OrderValidator>().BuildServiceProvider();
        using var scope = services.CreateScope();
        var rules = ValidationRules.Read([typeof(Order)], scope.ServiceProvider);
        rules.Shapes[typeof(Line)]["note"].MaxLength.ShouldBe(100);
        rules.Shapes[typeof(Order)]["title"].NotBlank.ShouldBeTrue();
        rules.Described[typeof(Order)].Select(d => d.Field).Distinct().ShouldBe(["lines[].quantity"]);
        // Built-in messages are filled in with what is known before a value arrives, and say nothing of the value.
        rules.Described[typeof(Order)].Select(d => d.Sentence).ShouldBe(["'quantity' must not be empty.", "'quantity' must be between 1 and 99."]);
    }

    [Fact]
    public void A_list_of_shapes_requires_what_its_set_validator_refuses_unconditionally()
    {
        var required = Required(typeof(Order));
        required[typeof(Order)].ShouldBe(["title"]);
        required[typeof(Line)].ShouldBe(["productId"]);
    }

    [Fact]
    public void A_shape_nested_in_two_places_requires_only_what_both_demand()
    {
        // Venue wants name and city, Pickup only name: one schema serves both.
        Required(typeof(Order))[typeof(Venue)].ShouldBe(["name"]);
    }

    [Fact]
    public void Child_rules_under_a_condition_or_in_another_place_without_them_require_nothing()
    {
        // Venue's rules run only without a backup; Backup demands city, which Venue does not.
        Required(typeof(Booking))[typeof(Venue)].ShouldBeEmpty();
    }
}
