using System.Security.Cryptography;
using CommunityHub.Api.Features.Mail;
using CommunityHub.Api.Features.Users;
using Microsoft.AspNetCore.Identity;

namespace CommunityHub.Api.Features.Auth;

public sealed record PasswordResetInput(string? Email);

public sealed record PasswordResetConfirmInput(string? Token, string? NewPassword);

/// <summary>The answer to every reset request, whether or not the address has an account.</summary>
public sealed record PasswordResetAccepted(string Message);

/// <summary>
/// Asks for a password reset link. For a local user the mail holds a single-use link valid
/// <see cref="PasswordResets.Lifetime"/>; the secret is stored only as its SHA-256 hash. Every address gets the same
/// answer (no oracle of who has an account); requests are limited per address, per account and per client address.
/// Audited (the user, or nothing for an unknown address).
/// </summary>
public sealed record RequestPasswordResetCommand(PasswordResetInput Input, string ClientPartition) : IRequest<Unit>;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordResetCommand>
{
    public RequestPasswordResetValidator() =>
        RuleFor(c => c.Input.Email).NotEmpty().MaximumLength(254).EmailAddress().OverridePropertyName("email");
}

public sealed class RequestPasswordResetHandler(
    Db db, ChangeLog changes, TimeProvider clock, MailOutbox outbox, MailLinks links, SharedWindowCounter counter)
    : IRequestHandler<RequestPasswordResetCommand, Unit>
{
    public async Task<Unit> Handle(RequestPasswordResetCommand request, CancellationToken ct)
    {
        var email = UserInputValidator.Normalize(request.Input.Email!);
        await PasswordResets.LimitAsync(counter, "reset-client:" + request.ClientPartition, PasswordResets.PerClientPerHour, ct);
        await PasswordResets.LimitAsync(counter, "reset-email:" + PasswordResets.Hash(email), PasswordResets.PerAccountPerHour, ct);

        (Guid Id, string Email, string DisplayName, string PasswordHash)? user;
        await using (var connection = await db.OpenAsync(ct))
        {
            user = (await connection.QueryAsync<(Guid Id, string Email, string DisplayName, string PasswordHash)>(new CommandDefinition(
                "SELECT id, email, display_name, password_hash FROM users WHERE email_normalized = @Email AND deleted_at IS NULL",
                new { Email = email },
                cancellationToken: ct))).Select(u => ((Guid Id, string Email, string DisplayName, string PasswordHash)?)u).FirstOrDefault();
        }
        if (user is { } account)
        {
            // Counted before the write begins: the shared counter writes too, and must not wait behind this request's own write.
            await PasswordResets.LimitAsync(counter, "reset-user:" + account.Id.ToString("N"), PasswordResets.PerAccountPerHour, ct);
        }

        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(ct);
        if (user is { } found && found.PasswordHash.Length > 0)
        {
            var token = Base64Url(RandomNumberGenerator.GetBytes(32));
            var id = Guid.CreateVersion7(now);
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO password_resets (id, user_id, token_hash, expires_at, created_at) VALUES (@Id, @UserId, @Hash, @Expires, @Now)",
                new { Id = id, UserId = found.Id, Hash = PasswordResets.Hash(token), Expires = now + PasswordResets.Lifetime, Now = now },
                scope.Transaction,
                cancellationToken: ct));
            var language = Texts.Language;
            string T(string key, params object?[] args) => Texts.In(language, key, args);
            var body = new MailBody()
                .Paragraph(T("mail.greeting", found.DisplayName))
                .Paragraph(T("mail.passwordReset.body", found.Email))
                .Link(T("mail.passwordReset.link"), links.PasswordReset(token))
                .Paragraph(T("mail.passwordReset.ignore"));
            await outbox.EnqueueAsync(scope, new MailDraft("password_reset", found.Email, language, T("mail.passwordReset.subject"), body, found.Id), ct);
            await changes.RecordAsync(scope, PasswordResets.Type, found.Id, ChangeOp.Create, 1, null, ct);
        }
        await scope.CommitAsync(ct);
        return Unit.Value;
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

/// <summary>
/// Sets a new password with a reset link's token: once, within its lifetime. The user's sessions all end (a new
/// security stamp), and every other open link of the user stops working. A used, expired or unknown token is a 400
/// naming <c>token</c>. Audited as an update of the user.
/// </summary>
public sealed record ConfirmPasswordResetCommand(PasswordResetConfirmInput Input) : IRequest<Unit>;

public sealed class ConfirmPasswordResetValidator : AbstractValidator<ConfirmPasswordResetCommand>
{
    public ConfirmPasswordResetValidator()
    {
        RuleFor(c => c.Input.Token).NotEmpty().MaximumLength(200).OverridePropertyName("token");
        RuleFor(c => c.Input.NewPassword).NotEmpty().OverridePropertyName("newPassword");
        RuleFor(c => c.Input.NewPassword).MinimumLength(PasswordPolicy.MinLength).MaximumLength(200).When(c => c.Input.NewPassword is not null)
            .WithMessage(_ => Texts.Get("user.passwordLength", PasswordPolicy.MinLength))
            .Must(p => !PasswordPolicy.IsCommon(p!)).When(c => c.Input.NewPassword is not null)
            .WithMessage(_ => Texts.Get("user.passwordCommon"))
            .OverridePropertyName("newPassword");
    }
}

public sealed class ConfirmPasswordResetHandler(
    Db db, ChangeLog changes, TimeProvider clock, IPasswordHasher<UserStore> hasher, SessionValidator sessions)
    : IRequestHandler<ConfirmPasswordResetCommand, Unit>
{
    public async Task<Unit> Handle(ConfirmPasswordResetCommand request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(ct);
        var reset = (await scope.Connection.QueryAsync<(Guid Id, Guid UserId)>(new CommandDefinition(
            """
            SELECT p.id, p.user_id FROM password_resets p JOIN users u ON u.id = p.user_id
            WHERE p.token_hash = @Hash AND p.used_at IS NULL AND p.expires_at > @Now AND u.deleted_at IS NULL
            """,
            new { Hash = PasswordResets.Hash(request.Input.Token!), Now = now },
            scope.Transaction,
            cancellationToken: ct))).Select(r => ((Guid Id, Guid UserId)?)r).FirstOrDefault()
            ?? throw new FieldValidationException("token", Texts.Get("passwordReset.badToken"));
        var used = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE password_resets SET used_at = @Now WHERE user_id = @UserId AND used_at IS NULL",
            new { reset.UserId, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        var user = await UserData.GetOrThrowAsync(scope, reset.UserId, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @Hash, security_stamp = @Stamp, updated_at = @Now, version = version + 1 WHERE id = @Id",
            new { Id = user.Id, Hash = hasher.HashPassword(null!, request.Input.NewPassword!), Stamp = UserData.NewStamp(), Now = now },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, UserData.Type, user.Id, ChangeOp.Update, user.Version + 1, null, ct);
        await changes.RecordAsync(scope, PasswordResets.Type, user.Id, ChangeOp.Update, used, null, ct);
        await scope.CommitAsync(ct);
        sessions.Forget(user.Id);
        return Unit.Value;
    }
}

/// <summary>What both steps share: the lifetime, the hash and the limits.</summary>
public static class PasswordResets
{
    /// <summary>Audit entries: a link sent (create) and used (update); the entity id is the user's.</summary>
    public static readonly EntityType Type = new("password_resets");

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public const int PerAccountPerHour = 5;
    public const int PerClientPerHour = 30;

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Counts one request against <paramref name="limit"/> per hour, shared by every instance: 429 past it.</summary>
    internal static async Task LimitAsync(SharedWindowCounter counter, string key, int limit, CancellationToken ct)
    {
        var permit = await counter.TakeAsync("anonymous_usage", key, limit, 3600, ct);
        if (!permit.Allowed)
        {
            throw new TooManyRequestsException(TimeSpan.FromSeconds(Math.Max(1, permit.ResetSeconds)), Texts.Get("passwordReset.rateLimited"));
        }
    }
}

/// <summary>The bodies openapi.yaml shows; the token is one a reset mail carries.</summary>
internal static class PasswordResetExamples
{
    public static readonly PasswordResetInput Request = new(UserExamples.User.Email);

    public static readonly PasswordResetConfirmInput Confirm = new("Jx4mQ0aV7cN2pLr9sT5wYb8eKd3uHg6fZi1oXn0RkEs", "Uusi-salasana-kevät-2027");
}
