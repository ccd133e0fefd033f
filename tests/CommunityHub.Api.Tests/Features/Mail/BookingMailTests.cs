using System.Net;
using CommunityHub.Api.Features.Spaces.Bookings;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;
using static CommunityHub.Api.Tests.Features.Spaces.SpaceRequests;

namespace CommunityHub.Api.Tests.Features.Mail;

/// <summary>
/// What the person who booked a space reads, through a real SMTP conversation: the request received, then denied with the
/// staff's reason, confirmed, and cancelled; their own actions in their language (the test client asks for English),
/// staff's in Finnish. Blocks mail nobody.
/// </summary>
public sealed class BookingMailTests(MailApiFactory factory) : IClassFixture<MailApiFactory>
{
    private const string Space = "Me-sali – Åströmin kabinetti";

    [Fact]
    public async Task The_booker_hears_when_a_request_is_received_denied_confirmed_and_cancelled()
    {
        var admin = await factory.AdminAsync();
        var space = await CreateAsync(admin, Body(Space, rules: new
        {
            minMinutes = 30, maxMinutes = 240, intervalMinutes = 30, bufferBeforeMinutes = 0, bufferAfterMinutes = 0, bookAheadDays = 90,
            maxActivePerMember = 5, approval = "staff", cancelHoursBefore = 24, bookableBy = "members",
        }));
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Öljymäen Omaishoitajat {Guid.NewGuid():N}"[..40]));
        var email = $"kaisa.{Guid.NewGuid():N}@example.fi";
        await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Kaisa Äijälä", role = "member_editor", memberId = member.Id, password = "Kaisa-password-2026" })
            .ShouldBe(HttpStatusCode.Created);
        var kaisa = await factory.SignedInAsync(email, "Kaisa-password-2026");
        var day = NextMonday();

        var first = await BookAsync(kaisa, Booking(space.Id, member.Id, At(day, 10), At(day, 11), purpose: "Vertaisryhmä"));
        first.Status.ShouldBe(BookingStatus.Requested);
        await factory.DeliverAsync();
        var received = factory.Smtp.To(email).ShouldHaveSingleItem();
        received.ShouldBeWellFormed("en");
        received.Subject.ShouldBe($"Booking request received: {Space}");
        received.Text().ShouldContain("Hello Kaisa Äijälä,");
        received.Text().ShouldContain("Purpose: Vertaisryhmä");
        received.Text().ShouldContain($"/spaces/{space.Id}");

        await Move(admin, first.Id, "denied", "Sali on varattu kaupungin tilaisuuteen.").ShouldBe(HttpStatusCode.OK);
        var second = await BookAsync(kaisa, Booking(space.Id, member.Id, At(day, 13), At(day, 14)));
        await Move(admin, second.Id, "confirmed").ShouldBe(HttpStatusCode.OK);
        await Move(kaisa, second.Id, "cancelled").ShouldBe(HttpStatusCode.OK);
        await BookAsync(admin, new Dictionary<string, object?>(Booking(space.Id, null, At(day, 16), At(day, 17))) { ["kind"] = "block" });
        await factory.DeliverAsync();

        var mails = factory.Smtp.To(email);
        mails.Select(m => m.Subject).ShouldBe([
            $"Booking request received: {Space}",
            $"Varausta ei voitu vahvistaa: {Space}",
            $"Booking request received: {Space}",
            $"Varaus vahvistettu: {Space}",
            $"Booking cancelled: {Space}",
        ]);
        var denied = mails[1];
        denied.ShouldBeWellFormed("fi");
        denied.Text().ShouldContain("Syy: Sali on varattu kaupungin tilaisuuteen.");
        denied.Text().ShouldContain("Hei Kaisa Äijälä,");
        factory.Smtp.Received.Where(m => (m.Subject ?? "").Contains(Space, StringComparison.Ordinal)).Count().ShouldBe(5);
    }
}
