using System.Text.Json;
using CommunityHub.Api.Features.Members.Contacts;
using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Members;

/// <summary>Seeds the demo members and their contacts through the normal commands, so feed and audit rows exist too.</summary>
public sealed class MemberDemoData(IMediator mediator) : IDemoDataSeeder
{
    public int Order => 10;

    public async Task SeedAsync(DemoDataSet data, CancellationToken ct)
    {
        foreach (var element in data.Section("members"))
        {
            var input = element.Deserialize<MemberInput>(Json.Options)!;
            var member = await mediator.Send(new CreateMemberCommand(input), ct);
            data.Keys[element.GetProperty("key").GetString()!] = member.Id;
            if (element.TryGetProperty("contacts", out var contacts) && contacts.ValueKind == JsonValueKind.Array)
            {
                foreach (var contact in contacts.EnumerateArray())
                {
                    await mediator.Send(new CreateContactCommand(member.Id, contact.Deserialize<ContactInput>(Json.Options)!), ct);
                }
            }
        }
    }
}
