using System.Net;
using System.Net.Http.Json;
using System.Text;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Tests;

public sealed class ValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_bad_field_is_named_and_nothing_is_written()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var response = await host.Client.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = new string('x', 201),
            description = " ",
            requester = new { email = "not-an-address", name = new string('n', 201) },
            language = "english please",
            tags = new[] { "ok", "", "Bad Tag!", new string('t', 51) },
            attachments = new object?[]
            {
                new { name = "", sizeBytes = -1, contentType = "png", url = "ftp://files/x" },
                new { name = "fine.txt", sizeBytes = 10, contentType = "text/plain" },
                new { name = "../etc/passwd", sizeBytes = 26L * 1024 * 1024 },
                null,
            },
            catalogItem = new string('c', 101),
        }, TestJson.Options, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = (await response.ProblemAsync()).ErrorFields().ToHashSet();
        Assert.Equal(
            new HashSet<string>
            {
                "subject", "description", "requester.email", "requester.name", "language", "tags[1]", "tags[2]", "tags[3]",
                "attachments[0].name", "attachments[0].sizeBytes", "attachments[0].contentType", "attachments[0].url",
                "attachments[2].name", "attachments[2].sizeBytes", "attachments[3]", "catalogItem",
            },
            fields);
        Assert.Equal(0, await host.InDbAsync(db => db.Tickets.CountAsync()));
        Assert.Equal(0, await host.InDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task Missing_fields_are_named_in_the_flat_form_too()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var response = await host.Client.PostAsJsonAsync("/api/v1/tickets", new { requesterEmail = "ada@localhost" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new HashSet<string> { "subject", "description", "requesterEmail" }, (await response.ProblemAsync()).ErrorFields().ToHashSet());
    }

    [Fact]
    public async Task Too_many_tags_and_attachments_are_refused()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?> { ["Intake:MaxTags"] = "2", ["Intake:MaxAttachments"] = "1" });
        var response = await host.Client.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "s", description = "d", requesterEmail = "a@example.org",
            tags = new List<string> { "a", "b", "c" },
            attachments = new[] { new { name = "a", sizeBytes = 1 }, new { name = "b", sizeBytes = 1 } },
        }, Ct);
        Assert.Equal(new HashSet<string> { "tags", "attachments" }, (await response.ProblemAsync()).ErrorFields().ToHashSet());
    }

    [Theory]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"type\":\"Outage\"}", "type")]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"channel\":\"fax\"}", "channel")]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"impact\":\"Huge\"}", "impact")]
    [InlineData("{\"subject\":5,\"description\":\"d\",\"requesterEmail\":\"a@example.org\"}", "subject")]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"tags\":\"one\"}", "tags")]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"attachments\":[{\"name\":\"a\",\"sizeBytes\":\"big\"}]}", "attachments[0].sizeBytes")]
    public async Task Unknown_enum_values_and_wrong_json_types_are_a_400_naming_the_field(string json, string field)
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await host.Client.PostAsync("/api/v1/tickets", content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ProblemAsync()).ErrorFields());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        using var content = new StringContent("{\"subject\": ", Encoding.UTF8, "application/json");
        var response = await host.Client.PostAsync("/api/v1/tickets", content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"urgncy\":\"High\"}", "urgncy", "Did you mean 'urgency'?")]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"priorty\":\"High\"}", "priorty", "Known members: subject, description")]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"colour\":\"red\"}", "colour", "Known members:")]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requester\":{\"emial\":\"a@example.org\"}}", "requester.emial", "Did you mean 'email'?")]
    [InlineData("{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"impact\":2}", "impact", "one of")]
    public async Task Unknown_members_and_enum_numbers_are_a_400_naming_the_member_and_nothing_is_written(string json, string field, string hint)
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await host.Client.PostAsync("/api/v1/tickets", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal([field], (await response.ProblemAsync()).ErrorFields());
        Assert.Contains(hint, problem, StringComparison.Ordinal);
        Assert.Equal(0, await host.InDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task A_comment_with_a_misspelled_visibility_is_refused_not_posted_publicly()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket("Printer jam", "ada@example.org"));
        // "internal" is not a member ("isPublic" is): before strict bodies this posted a public comment.
        using var content = new StringContent("{\"body\":\"Root cause: the admin password is hunter2\",\"internal\":true}", Encoding.UTF8, "application/json");
        var response = await host.Client.PostAsync($"/api/v1/tickets/{ticket.Id}/comments", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["internal"], (await response.ProblemAsync()).ErrorFields());
        Assert.Equal(0, await host.InDbAsync(db => db.Comments.CountAsync()));
    }

    [Fact]
    public async Task Member_names_match_whatever_their_case()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        using var content = new StringContent("{\"Subject\":\"s\",\"DESCRIPTION\":\"d\",\"requesterEMAIL\":\"a@example.org\"}", Encoding.UTF8, "application/json");
        var response = await host.Client.PostAsync("/api/v1/tickets", content, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
