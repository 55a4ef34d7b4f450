using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Intake.Tests;

public sealed class IdempotencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostAsync(ServiceTestHost host, object body, string? key, string? clientId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body, options: TestJson.Options) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        if (clientId is not null)
        {
            request.As(TestCallers.Channel(clientId, "api", ["tickets:write"]));
        }
        return host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Same_key_and_body_returns_the_same_201_and_creates_one_ticket()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var first = await PostAsync(host, IntakeUnderTest.NewTicket(), "retry-1");
        var second = await PostAsync(host, IntakeUnderTest.NewTicket(), "retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, await host.InDbAsync(db => db.Tickets.CountAsync()));
        Assert.Equal(1, await host.InDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_a_422_problem_and_creates_nothing()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(host, IntakeUnderTest.NewTicket("First"), "key-a")).StatusCode);
        var reused = await PostAsync(host, IntakeUnderTest.NewTicket("Something else"), "key-a");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        var problem = await reused.ProblemAsync();
        Assert.Equal("Idempotency key reused", problem.GetProperty("title").GetString());
        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
        Assert.Equal(1, await host.InDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task Keys_are_scoped_per_client()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var a = await (await PostAsync(host, IntakeUnderTest.NewTicket(), "shared", "portal")).Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct);
        var b = await (await PostAsync(host, IntakeUnderTest.NewTicket(), "shared", "chat-bot")).Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct);
        Assert.NotEqual(a!.Id, b!.Id);
        Assert.Equal(2, await host.InDbAsync(db => db.IdempotencyRecords.CountAsync()));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_end_with_one_ticket()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => PostAsync(host, IntakeUnderTest.NewTicket(), "burst")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!.Id));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await host.InDbAsync(db => db.Tickets.CountAsync()));
        Assert.Equal(1, await host.InDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task A_key_is_forgotten_after_the_idempotency_window()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?> { ["Intake:IdempotencyWindow"] = "01:00:00" }, time: clock);
        var first = await (await PostAsync(host, IntakeUnderTest.NewTicket(), "hourly")).Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct);
        clock.Advance(TimeSpan.FromMinutes(59));
        var replay = await (await PostAsync(host, IntakeUnderTest.NewTicket(), "hourly")).Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct);
        clock.Advance(TimeSpan.FromMinutes(2));
        var fresh = await (await PostAsync(host, IntakeUnderTest.NewTicket(), "hourly")).Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct);

        Assert.Equal(first!.Id, replay!.Id);
        Assert.NotEqual(first.Id, fresh!.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public async Task A_malformed_key_is_named_in_the_400(string key)
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var response = await PostAsync(host, IntakeUnderTest.NewTicket(), key);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await response.ProblemAsync()).ErrorFields());
    }
}
