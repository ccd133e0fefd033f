using CommunityHub.Api.Features.Members.Contacts;

namespace CommunityHub.Api.Features.Members;

public static class MembersEndpoints
{
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/members").WithTag("Members", "The member directory (public) and members' contact people (signed-in users).");

        group.MapGet("/", List).WithName("listMembers").AllowAnonymous()
            .WithSummary("List members (the public directory)")
            .WithDescription("Finnish alphabetical order (… Z, Å, Ä, Ö), keyset paged. `q` matches any part of the name, case-insensitively for every letter.")
            .ProducesTagged<MemberPage>().WithProblems();
        group.MapGet("/{id:guid}", Versioned.Get(id => new GetMemberQuery(id))).WithName("getMember").AllowAnonymous()
            .WithSummary("Get a member").ProducesTagged<MemberResponse>().WithProblems(404);
        group.MapPost("/", Versioned.Create("/api/v1/members", (MemberInput input) => new CreateMemberCommand(input)))
            .WithName("createMember").RequireAuthorization(Policies.Staff)
            .WithSummary("Create a member (staff)").Produces<MemberResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 409, 415)
            .WithRequestExample(MemberExamples.Member);
        group.MapPut("/{id:guid}", Versioned.Write((Guid id, MemberInput input, long? version) => new UpdateMemberCommand(id, input, version)))
            .WithName("updateMember").RequireAuthorization(Policies.Reader)
            .WithSummary("Replace a member (staff, or the member's own editor)")
            .Produces<MemberResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(MemberExamples.Member);
        group.MapDelete("/{id:guid}", Versioned.Delete((id, version) => new DeleteMemberCommand(id, version)))
            .WithName("deleteMember").RequireAuthorization(Policies.Staff)
            .WithSummary("Archive a member (staff)").Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 412);

        var contacts = group.MapGroup("/{id:guid}/contacts").RequireAuthorization(Policies.Reader);
        contacts.MapGet("/", ListContacts).WithName("listContacts")
            .WithSummary("List a member's contact people (signed-in users only)").Produces<ContactPage>().WithProblems(401, 403, 404);
        contacts.MapPost("/", CreateContact).WithName("createContact")
            .WithSummary("Add a contact person (staff, or the member's own editor)")
            .Produces<ContactResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 404, 415)
            .WithRequestExample(ContactExamples.Contact);
        contacts.MapPut("/{contactId:guid}", UpdateContact).WithName("updateContact")
            .WithSummary("Replace a contact person").Produces<ContactResponse>().WithProblems(401, 403, 404, 412, 415)
            .WithRequestExample(ContactExamples.Contact);
        contacts.MapDelete("/{contactId:guid}", DeleteContact).WithName("deleteContact")
            .WithSummary("Remove a contact person").Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 412);
        return routes;
    }

    private static Task<IResult> List(
        HttpContext http, IMediator mediator, ResponseCache cache, string? q, string? kind, string? sector, string? municipality,
        string? status, int? limit, string? cursor, CancellationToken ct) =>
        cache.SendAsync(http, mediator, new ListMembersQuery(q, kind, sector, municipality, status, limit, cursor), ct);

    private static async Task<IResult> ListContacts(IMediator mediator, Guid id, int? limit, string? cursor, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListContactsQuery(id, limit, cursor), ct));

    private static async Task<IResult> CreateContact(HttpContext http, IMediator mediator, Guid id, ContactInput input, CancellationToken ct)
    {
        var contact = await mediator.Send(new CreateContactCommand(id, input), ct);
        return Tagged.Created(http, $"/api/v1/members/{id}/contacts/{contact.Id}", contact, contact.Version);
    }

    private static async Task<IResult> UpdateContact(HttpContext http, IMediator mediator, Guid id, Guid contactId, ContactInput input, CancellationToken ct)
    {
        var contact = await mediator.Send(new UpdateContactCommand(id, contactId, input, ETags.ExpectedVersion(http.Request)), ct);
        return Tagged.Ok(http, contact, contact.Version);
    }

    private static async Task<IResult> DeleteContact(HttpContext http, IMediator mediator, Guid id, Guid contactId, CancellationToken ct)
    {
        await mediator.Send(new DeleteContactCommand(id, contactId, ETags.ExpectedVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }
}
