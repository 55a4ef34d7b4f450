using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Intake.Tests;

/// <summary>Intake as tests start it (SQLite, in-memory bus): <c>ServiceTestHost.StartAsync(IntakeUnderTest.Service)</c>, and its API helpers.</summary>
public static class IntakeUnderTest
{
    public static readonly TestedService Service = new("intake", builder => builder.AddIntake(), app => app.MapIntake())
    {
        // Bursts in tests on a loaded machine may queue longer than production's bound; AdmissionTests set their own.
        Settings = new Dictionary<string, string?> { ["Intake:Admission:MaxQueueWait"] = "00:05:00" },
    };

    public static object NewTicket(string subject = "VPN drops every hour", string email = "ada@example.org", object? extra = null) =>
        extra ?? new { subject, description = "Since this morning the VPN disconnects every hour.", requester = new { email, name = "Ada Lovelace" } };

    public static async Task<TicketResponse> SubmitAsync(this ServiceTestHost host, object body)
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/tickets", body, TestJson.Options, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, TestContext.Current.CancellationToken))!;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static IEnumerable<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name) : [];

    /// <summary>The outbox rows written for a ticket, as (event type name, body), in commit order.</summary>
    public static Task<List<(string Type, JsonElement Body)>> OutboxFor(this ServiceTestHost host, Guid ticketId) =>
        host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<IntakeDbContext>();
            var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.TicketId == ticketId).OrderBy(m => m.Sequence).ToListAsync();
            return rows.Select(r => (r.MessageType.Split(',')[0].Split('.')[^1], JsonSerializer.Deserialize<JsonElement>(r.Body))).ToList();
        });

    public static Task<T> InDbAsync<T>(this ServiceTestHost host, Func<IntakeDbContext, Task<T>> work) =>
        host.InScopeAsync(services => work(services.GetRequiredService<IntakeDbContext>()));

    public static async Task<TicketResponse> GetTicketAsync(this ServiceTestHost host, Guid id) =>
        (await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{id}", TestJson.Options, TestContext.Current.CancellationToken))!;

    /// <summary>Messages the service's consumers have handled (the inbox keeps one row per consumed message and consumer).</summary>
    public static Task<int> InboxCountAsync(this ServiceTestHost host) =>
        host.InDbAsync(db => db.InboxMessages.CountAsync());

    public static async Task<HttpResponseMessage> TransitionAsync(this ServiceTestHost host, Guid id, TicketStatus to, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["to"] = to.ToString(), ["actor"] = "agent-1" };
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                body[property.Name] = property.GetValue(extra);
            }
        }
        return await host.Client.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", body, TestJson.Options, TestContext.Current.CancellationToken);
    }
}
