using System.Net;
using HelpDesk.Contracts;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Intake.Tests;

/// <summary>
/// A change sent without a version means "to the ticket as it is now": when a concurrent save moves the ticket between
/// the request's read and write, the change is applied again to the fresh ticket, once, instead of a 409/412. A change
/// that named its version is refused, as it asked.
/// </summary>
public sealed class UnversionedChangeTests
{
    [Fact]
    public async Task Unversioned_changes_survive_concurrent_saves_and_versioned_ones_are_refused()
    {
        var racer = new ConcurrentSaveInjector();
        await using var host = await ServiceTestHost.StartAsync(new TestedService("intake",
            builder => { builder.AddIntake(); builder.Services.ConfigureDbContext<IntakeDbContext>(o => o.AddInterceptors(racer)); },
            app => app.MapIntake()));
        racer.Services = host.Services;
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());

        racer.Arm(ticket.Id, times: 2);
        var reassigned = await (await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{ticket.Id}/assignment", new { agentId = "ana" })).OkAsync<TicketResponse>();
        Assert.Equal((2, "ana"), (racer.Injected, reassigned.AssigneeId));

        racer.Arm(ticket.Id, times: 1);
        var comment = await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id}/comments", new { body = "Rebooted, still broken." });
        Assert.Equal((1, HttpStatusCode.Created), (racer.Injected, comment.StatusCode));

        racer.Arm(ticket.Id, times: 1);
        var current = await host.GetTicketAsync(ticket.Id);
        var versioned = await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{ticket.Id}/assignment", new { agentId = "bo" }, ifMatch: $"\"{current.Version}\"");
        Assert.Equal((1, HttpStatusCode.PreconditionFailed), (racer.Injected, versioned.StatusCode));

        racer.Arm(ticket.Id, times: UnversionedChanges.Retries + 1);
        var hopeless = await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{ticket.Id}/assignment", new { agentId = "cy" });
        Assert.Equal((UnversionedChanges.Retries + 1, HttpStatusCode.PreconditionFailed), (racer.Injected, hopeless.StatusCode));

        // Each retried change was recorded once: one hand-over event, one history entry, one comment.
        var events = await host.OutboxFor(ticket.Id);
        Assert.Equal(["ana"], events.Where(e => e.Type == "TicketReassigned").Select(e => e.Body.GetProperty("toAgentId").GetString()));
        var history = await host.HistoryAsync(ticket.Id);
        Assert.Single(history.Entries, e => e.Field == "assignee");
        Assert.Equal(1, await host.InDbAsync(db => db.Comments.CountAsync(c => c.TicketId == ticket.Id, TestContext.Current.CancellationToken)));
        Assert.Equal("ana", (await host.GetTicketAsync(ticket.Id)).AssigneeId);
    }

    [Fact]
    public async Task A_pooled_context_leased_again_has_no_retries_left_from_its_last_request()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        IntakeDbContext first;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            first.ConcurrencyRetriesLeft = UnversionedChanges.Retries;
        }

        // The pool hands contexts out first in, first out, and the started service's own work leases some: take
        // contexts (keeping each) until this one comes round again.
        var scopes = new List<AsyncServiceScope>();
        try
        {
            IntakeDbContext? again = null;
            while (again is null && scopes.Count < 256)
            {
                var scope = host.Services.CreateAsyncScope();
                scopes.Add(scope);
                var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
                again = ReferenceEquals(db, first) ? db : null;
            }
            Assert.NotNull(again);
            Assert.Equal(0, again.ConcurrencyRetriesLeft);
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }
}
