using System.Net;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.KnowledgeBase.Tests;

public sealed class SuggestionTests
{
    private static TicketSubmitted Ticket(string subject, string description, string language = "en", Guid? id = null) =>
        new(id ?? Guid.NewGuid(), "T-" + Random.Shared.Next(100000, 999999), TicketType.Incident, TicketChannel.Portal, TicketPriority.Medium,
            new Requester("user@example.com"), subject, description, [], language, DateTimeOffset.UtcNow);

    private static async Task SeedAsync(ServiceTestHost host)
    {
        var vpn = await host.CreateArticleAsync("Connecting to the VPN from home", "Install the VPN client and sign in with your company account. If the connection drops, restart the client.", "en", "network", ["vpn"]);
        var printer = await host.CreateArticleAsync("Printer shows a paper jam", "Open the front tray and remove the jammed paper.", "en", "hardware", ["printer"]);
        var secret = await host.CreateArticleAsync("VPN gateway maintenance runbook", "Agents only: restart the VPN concentrator.", "en", "network", ["vpn"]);
        var wifi = await host.CreateArticleAsync("Connexion au réseau Wi-Fi", "Vérifiez que le Wi-Fi est activé et redémarrez la carte réseau.", "fr", "network", ["wifi"]);
        await host.PublishAsync(vpn.Id);
        await host.PublishAsync(printer.Id);
        await host.PublishAsync(wifi.Id);
        await host.PublishAsync(secret.Id, new PublishInput(Visibility: ArticleVisibility.Internal));
        await Eventually.TrueAsync(async () =>
            (await (await host.SendAsync(HttpMethod.Get, "/api/v1/kb/admin/index", KnowledgeBaseUnderTest.Agent)).ReadAsync<IndexStatusView>()).Index.Documents == 4, what: "four articles indexed");
    }

    [Fact]
    public async Task Submitted_ticket_gets_public_suggestions_recorded_and_published_once()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        await SeedAsync(host);
        var bus = host.GetRequiredService<IBus>();
        var ticket = Ticket("VPN keeps disconecting", "Since this morning the VPN connection drops every few minutes when working from home.");
        var messageId = Guid.NewGuid();
        await bus.Publish(ticket, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        var record = await Eventually.GetAsync(() => host.InScopeAsync(services =>
            services.GetRequiredService<KnowledgeBaseDbContext>().TicketSuggestions.AsNoTracking().FirstOrDefaultAsync(s => s.TicketId == ticket.TicketId)));
        Assert.Equal("Connecting to the VPN from home", record.Articles[0].Title);
        Assert.DoesNotContain(record.Articles, a => a.Title.Contains("runbook", StringComparison.Ordinal));
        Assert.Contains("<mark>", record.Articles[0].Snippet, StringComparison.Ordinal);

        // The same message again (redelivery), then another ticket as a barrier: still one suggestion event.
        await bus.Publish(ticket, context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        var barrier = Ticket("Paper jam in printer", "The printer on floor 2 has a paper jam.");
        await bus.Publish(barrier, TestContext.Current.CancellationToken);
        await Eventually.GetAsync(() => host.InScopeAsync(services =>
            services.GetRequiredService<KnowledgeBaseDbContext>().TicketSuggestions.AsNoTracking().FirstOrDefaultAsync(s => s.TicketId == barrier.TicketId)));

        var suggestedEvents = await host.InScopeAsync(services => services.GetRequiredService<KnowledgeBaseDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.TicketId == ticket.TicketId).Select(m => m.MessageType).ToListAsync());
        Assert.Single(suggestedEvents, t => t.Contains(nameof(KbArticlesSuggested), StringComparison.Ordinal));

        var api = await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/tickets/{ticket.TicketId}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(record.Articles.Count, (await api.ReadAsync<TicketSuggestions>()).Articles.Count);
        var byNumber = await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/tickets/{ticket.TicketNumber.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, byNumber.StatusCode);
        Assert.Equal(ticket.TicketId, (await byNumber.ReadAsync<TicketSuggestions>()).TicketId);
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(HttpMethod.Get, "/api/v1/kb/tickets/T-000000")).StatusCode);
    }

    [Fact]
    public async Task Portal_suggest_while_typing_uses_subject_and_description()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        await SeedAsync(host);
        var response = await host.SendAsync(HttpMethod.Post, "/api/v1/kb/suggest", null, new SuggestInput("Le wifi ne marche pas", "Mon ordinateur ne se connecte pas au reseau", "fr-CH"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var suggestions = await response.ReadAsync<SuggestResponse>();
        Assert.Equal("Connexion au réseau Wi-Fi", suggestions.Articles[0].Title);

        // Nothing in Italian: falls back to every language.
        var italian = await (await host.SendAsync(HttpMethod.Post, "/api/v1/kb/suggest", null, new SuggestInput("Carta inceppata nella printer", null, "it"))).ReadAsync<SuggestResponse>();
        Assert.Equal("Printer shows a paper jam", italian.Articles[0].Title);

        var empty = await host.SendAsync(HttpMethod.Post, "/api/v1/kb/suggest", null, new SuggestInput(" ", null));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public void Ticket_text_becomes_a_bounded_query_without_phrase_syntax()
    {
        var query = TicketArticleSuggester.QueryFromTicket("VPN \"down\"", string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i}")) + " VPN");
        Assert.DoesNotContain('"', query);
        Assert.StartsWith("VPN down word0", query, StringComparison.Ordinal);
        Assert.Equal(32, query.Split(' ').Length);
    }
}
