using System.Text.Json;

namespace CommunityHub.Api.Infrastructure.Validation;

/// <summary>FluentValidation's process-wide settings, applied once at start.</summary>
public static class ValidationDefaults
{
    public static void Apply()
    {
        // A rule stops at its first failure, so later checks in a chain may assume the earlier ones held (e.g. not null);
        // field names in errors are the JSON (camelCase) names clients send.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        // Built-in rule messages ("'Kunta' ei saa olla tyhjä.") name the field as a person reads it, in the request's language.
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : Texts.Field(JsonNamingPolicy.CamelCase.ConvertName(member.Name));
    }
}
