namespace CommunityHub.Api.Features.Privacy;

/// <summary>Bound from the <c>Privacy</c> section. See README § Rekisteriseloste.</summary>
public sealed class PrivacyOptions
{
    /// <summary>Days after an event ends before its registrants' names, emails and notes are erased (default 90).</summary>
    public int RegistrationRetentionDays { get; set; } = 90;

    /// <summary>Runs the retention routine in this process. Tests turn it off and call it directly.</summary>
    public bool BackgroundRetention { get; set; } = true;

    /// <summary>How often the retention routine runs, in minutes (default hourly).</summary>
    public int RetentionIntervalMinutes { get; set; } = 60;

    public void Validate()
    {
        if (RegistrationRetentionDays < 0 || RetentionIntervalMinutes <= 0)
        {
            throw new InvalidOperationException(
                "Privacy: RegistrationRetentionDays must be 0 or more and RetentionIntervalMinutes positive.");
        }
    }
}
