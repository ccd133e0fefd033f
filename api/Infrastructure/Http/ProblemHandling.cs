using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityHub.Api.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// Maps every known failure to an RFC 9457 problem. Bad input (malformed JSON, wrong types, unknown enum values,
/// unparsable query values) arrives here as <see cref="BadHttpRequestException"/> because endpoint options throw on
/// bad requests; it becomes a 400 whose <c>errors</c> names the field.
/// </summary>
public sealed partial class ProblemHandling(IProblemDetailsService problems, ILogger<ProblemHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is TooManyRequestsException tooMany)
        {
            // The one 429 writer, as the rate limits answer without an exception.
            await TooManyRequests.WriteAsync(context, (long)Math.Ceiling(tooMany.RetryAfter.TotalSeconds), tooMany.Message);
            return true;
        }
        var problem = Map(exception, context);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            return false;
        }
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "The database was busy on {Method} {Path}; answered 503", context.Request.Method, context.Request.Path);
            AppMetrics.DatabaseBusy.Add(1);
            context.Response.Headers.RetryAfter = "2";
        }
        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static ProblemDetails? Map(Exception exception, HttpContext context) => exception switch
    {
        ValidationException v => Validation(v.Errors
            .GroupBy(e => FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        FieldValidationException f => Validation(f.Errors),
        NotFoundException n => Problem(StatusCodes.Status404NotFound, Texts.Get("problem.404.title"), n.Message),
        ConflictException c => WithExtensions(Problem(StatusCodes.Status409Conflict, Texts.Get("problem.409.title"), c.Message), c.Extensions),
        PreconditionFailedException p => WithExtensions(
            Problem(StatusCodes.Status412PreconditionFailed, Texts.Get("problem.412.title"), p.Message),
            new Dictionary<string, object?> { ["currentVersion"] = p.CurrentVersion }),
        ForbiddenException f => Problem(StatusCodes.Status403Forbidden, Texts.Get("problem.403.title"), f.Message),
        UnprocessableException u => Problem(StatusCodes.Status422UnprocessableEntity, Texts.Get("problem.422.title"), u.Message),
        BadHttpRequestException b => BadRequest(b),
        JsonException j => Validation(new Dictionary<string, string[]> { [JsonField(j.Path)] = [JsonMessage(j)] }),
        Exception e when DbErrors.IsTransient(e) =>
            Problem(StatusCodes.Status503ServiceUnavailable, Texts.Get("problem.503.title"), Texts.Get("problem.503.detail")),
        Exception e when DbErrors.IsUniqueViolation(e) =>
            Problem(StatusCodes.Status409Conflict, Texts.Get("problem.409.title"), Texts.Get("conflict.unique")),
        _ => null,
    };

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            return Problem(exception.StatusCode, ReasonPhrase(exception.StatusCode), Texts.Find($"problem.{exception.StatusCode}.detail") ?? exception.Message);
        }
        if (exception.InnerException is JsonException json)
        {
            return Validation(new Dictionary<string, string[]> { [JsonField(json.Path)] = [JsonMessage(json)] });
        }
        if (exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return Validation(new Dictionary<string, string[]> { ["body"] = [Texts.Get("binder.bodyRequired")] });
        }
        var parameter = ParameterName().Match(exception.Message);
        var field = parameter.Success ? parameter.Groups[1].Value : "query";
        var message = Texts.Get("binder.invalidValue", field);
        return Validation(new Dictionary<string, string[]> { [field] = [message] });
    }

    private static string JsonMessage(JsonException json) =>
        json.InnerException is JsonException inner && !string.IsNullOrEmpty(inner.Message) ? inner.Message
        : json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? Texts.Get("json.wrongType")
            : Texts.Get("json.malformed", json.Message.Split(" Path:", 2)[0]);

    internal static string JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    internal static string FieldName(string propertyName)
    {
        return string.IsNullOrEmpty(propertyName) ? "body" : propertyName;
    }

    private static ProblemDetails Validation(IDictionary<string, string[]> errors) => new HttpValidationProblemDetails(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = Texts.Get("problem.400.title"),
        Detail = Texts.Get("problem.validation.detail"),
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
    };

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }
        return problem;
    }

    private static string ReasonPhrase(int status) =>
        Texts.Find($"problem.{status}.title") ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    /// <summary>
    /// Gives a bare status (401 from the bearer challenge, 403, 404 of an unknown path, 405, 413, 415 — written by the
    /// status-code pages) a title and detail in the request's language. Problems that already say something keep it.
    /// </summary>
    public static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null || problem.Status is not { } status)
        {
            return;
        }
        problem.Title = Texts.Find($"problem.{status}.title") ?? problem.Title;
        problem.Detail = Texts.Find($"problem.{status}.detail");
    }

    // "Failed to bind parameter "int? limit" from "abc"." → limit
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
