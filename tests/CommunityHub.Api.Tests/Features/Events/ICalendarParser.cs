using System.Diagnostics;
using System.Text.Json;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Events;

/// <summary>
/// Parses a feed with an independent implementation: Debian's python3-icalendar, run by /usr/bin/python3 (the
/// system interpreter: a pyenv python on PATH does not see Debian's packages). A machine without it fails the test
/// with the install command; it is never skipped.
/// </summary>
public static class ICalendarParser
{
    public const string Python = "/usr/bin/python3";

    public sealed record ParsedEvent(
        string Uid, string Summary, string? Description, string? Location, string? Url, string Status, int Sequence, string Start, string End);

    private const string Script = """
        import icalendar, json, sys
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        zones = [str(z.get('tzid')) for z in cal.walk('VTIMEZONE')]
        if 'Europe/Helsinki' not in zones:
            sys.exit('no VTIMEZONE for Europe/Helsinki')
        out = []
        for e in cal.walk('VEVENT'):
            text = lambda k: None if e.get(k) is None else str(e.get(k))
            out.append({
                'uid': text('uid'), 'summary': text('summary'), 'description': text('description'),
                'location': text('location'), 'url': text('url'), 'status': text('status'),
                'sequence': int(e.get('sequence')),
                'start': e.decoded('dtstart').isoformat(), 'end': e.decoded('dtend').isoformat(),
            })
        json.dump(out, sys.stdout)
        """;

    public static IReadOnlyList<ParsedEvent> Parse(byte[] calendar)
    {
        File.Exists(Python).ShouldBeTrue($"{Python} is missing; the iCalendar test needs Debian's python3 with python3-icalendar.");
        var (check, checkError) = Run(["-c", "import icalendar"], []);
        check.ShouldBe(0, $"python3-icalendar is not installed for {Python} (apt-get install -y python3-icalendar): {checkError}");

        var (code, output) = Run(["-c", Script], calendar);
        code.ShouldBe(0, $"python3-icalendar rejected the feed: {output}");
        return JsonSerializer.Deserialize<List<ParsedEvent>>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static (int Code, string Output) Run(string[] arguments, byte[] input)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        process.WaitForExit(30_000).ShouldBeTrue("python3 did not finish within 30 s");
        return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stderr.Result + stdout.Result);
    }
}
