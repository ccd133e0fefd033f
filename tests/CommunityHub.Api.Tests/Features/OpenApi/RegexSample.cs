using System.Globalization;
using System.Text;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// A string matching a regular expression, built from the expression: anchors, literals, escapes (\d \s \S \w and
/// escaped punctuation), classes with ranges, groups with alternatives, and the quantifiers ? * + {n} {n,} {n,m}
/// (open ends capped at a few more).
/// </summary>
public sealed class RegexSample(string pattern, Random random)
{
    private const string Digits = "0123456789";
    private const string Space = " ";
    private const string Word = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    private const string NonSpace = "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789-.,";
    private const string Any = NonSpace + " ";

    private int at;

    public string Next()
    {
        at = 0;
        var text = new StringBuilder();
        Alternatives(text);
        return text.ToString();
    }

    private void Alternatives(StringBuilder text)
    {
        var options = new List<StringBuilder> { new() };
        while (at < pattern.Length && pattern[at] != ')')
        {
            if (pattern[at] == '|')
            {
                at++;
                options.Add(new StringBuilder());
                continue;
            }
            Piece(options[^1]);
        }
        text.Append(options[random.Next(options.Count)]);
    }

    private void Piece(StringBuilder text)
    {
        var c = pattern[at];
        if (c is '^' or '$')
        {
            at++;
            return;
        }
        Func<string> atom;
        if (c == '(')
        {
            at++;
            if (pattern[at] == '?')
            {
                at += 2;
            }
            var start = at;
            var depth = 0;
            for (; at < pattern.Length && (pattern[at] != ')' || depth > 0); at++)
            {
                if (pattern[at] == '\\')
                {
                    at++;
                }
                else if (pattern[at] == '(')
                {
                    depth++;
                }
                else if (pattern[at] == ')')
                {
                    depth--;
                }
            }
            var inner = pattern[start..at];
            at++;
            atom = () => new RegexSample(inner, random).Next();
        }
        else if (c == '[')
        {
            var set = Class();
            atom = () => set[random.Next(set.Length)].ToString();
        }
        else
        {
            var set = Single();
            atom = () => set[random.Next(set.Length)].ToString();
        }
        var (min, max) = Quantifier();
        var count = random.Next(min, max + 1);
        for (var i = 0; i < count; i++)
        {
            text.Append(atom());
        }
    }

    /// <summary>The characters one atom outside a class may be.</summary>
    private string Single()
    {
        var c = pattern[at++];
        return c switch
        {
            '.' => NonSpace,
            '\\' => Escape(pattern[at++]),
            _ => c.ToString(),
        };
    }

    private static string Escape(char c) => c switch
    {
        'd' => Digits,
        's' => Space,
        'S' => NonSpace,
        'w' => Word,
        _ => c.ToString(),
    };

    private string Class()
    {
        at++;
        var set = new StringBuilder();
        while (pattern[at] != ']')
        {
            string part;
            if (pattern[at] == '\\')
            {
                at++;
                part = Escape(pattern[at++]);
            }
            else
            {
                part = pattern[at++].ToString();
            }
            if (part.Length == 1 && pattern[at] == '-' && pattern[at + 1] != ']')
            {
                at++;
                var end = pattern[at] == '\\' ? pattern[(at += 2) - 1] : pattern[at++];
                for (var x = part[0]; x <= end; x++)
                {
                    set.Append(x);
                }
                continue;
            }
            set.Append(part);
        }
        at++;
        var text = set.ToString();
        // [\s\S] is any character.
        return text.Contains(' ', StringComparison.Ordinal) && text.Contains('a', StringComparison.Ordinal) ? Any : text;
    }

    private (int Min, int Max) Quantifier()
    {
        if (at >= pattern.Length)
        {
            return (1, 1);
        }
        switch (pattern[at])
        {
            case '?':
                at++;
                return (0, 1);
            case '*':
                at++;
                return (0, 4);
            case '+':
                at++;
                return (1, 5);
            case '{':
                var end = pattern.IndexOf('}', at);
                var parts = pattern[(at + 1)..end].Split(',');
                at = end + 1;
                var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var max = parts.Length == 1 ? min : parts[1] == "" ? min + 4 : int.Parse(parts[1], CultureInfo.InvariantCulture);
                return (min, max);
            default:
                return (1, 1);
        }
    }
}
