using System.Text.RegularExpressions;

namespace CommunityHub.Api.Features.Members;

/// <summary>Finnish business id (Y-tunnus): seven digits, a hyphen and a mod-11 check digit.</summary>
public static partial class BusinessId
{
    /// <summary>The shape: seven digits, a hyphen, a digit.</summary>
    public const string Pattern = @"^\d{7}-\d$";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2];

    public static bool IsValid(string? value)
    {
        if (value is null || !Shape().IsMatch(value))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            sum += (value[i] - '0') * Weights[i];
        }
        var remainder = sum % 11;
        if (remainder == 1)
        {
            return false;
        }
        var check = remainder == 0 ? 0 : 11 - remainder;
        return value[8] - '0' == check;
    }

    [GeneratedRegex(Pattern)]
    private static partial Regex Shape();
}
