using System.Net;
using System.Net.Http.Json;
using System.Text;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Foundation.Tests;

/// <summary>Unreadable request bodies become 400 problems that name the field and what it expects.</summary>
public sealed class BadRequestTests
{
    public sealed record Nested(DateTimeOffset DueAt);

    public sealed record Probe(TicketType Type, Guid OwnerId, int Count, Nested? Details, string[]? Tags);

    [Theory]
    [InlineData("""{"type":"Bogus"}""", "type", "type: expected one of Incident, ServiceRequest, Problem, Change")]
    [InlineData("""{"ownerId":"not-a-guid"}""", "ownerId", "ownerId: expected a GUID")]
    [InlineData("""{"count":"many"}""", "count", "count: expected a whole number")]
    [InlineData("""{"details":{"dueAt":"tomorrow"}}""", "details.dueAt", "details.dueAt: expected an ISO 8601 date and time")]
    [InlineData("""{"tags":[1]}""", "tags[0]", "tags[0]: expected a string")]
    [InlineData("""{"type":""", "body", "body: expected valid JSON")]
    public async Task The_problem_names_the_field_and_the_expected_value(string body, string field, string message)
    {
        await using var host = await ServiceTestHost.StartAsync(
            new TestedService("probe", _ => { }, app => app.MapPost("/probe", (Probe probe) => TypedResults.Ok(probe))) { UsesBus = false });

        using var response = await host.Client.PostAsync("/probe", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestContext.Current.CancellationToken);
        Assert.NotNull(problem);
        var error = Assert.Single(Assert.Contains(field, problem.Errors));
        Assert.StartsWith(message, error);
    }
}
