using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Api;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

public sealed class CorrectionsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_correction_recategorises_the_ticket_publishes_it_and_is_kept_as_an_example()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var routed = await host.SubmitAsync(RoutingUnderTest.NewTicket("Il badge non apre il cancello del parcheggio", "Da stamattina il mio badge non funziona al parcheggio."));
        Assert.Equal("General", routed.Category);

        // By the ticket's number, as agents read it (any case); the id works as well (below).
        var response = await host.Client.PutAsJsonAsync($"/api/v1/routing/tickets/{routed.TicketNumber.ToLowerInvariant()}/category", new { category = "Facilities", agent = "maria" }, TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var byNumber = await host.Client.GetFromJsonAsync<RoutedTicketView>($"/api/v1/routing/tickets/{routed.TicketNumber}", TestJson.Options, Cancel);
        Assert.Equal((routed.TicketId, "Facilities"), (byNumber!.TicketId, byNumber.Category));
        var view = await response.Content.ReadFromJsonAsync<RoutedTicketView>(TestJson.Options, Cancel);
        Assert.Equal(("Facilities", "agent:maria"), (view!.Category, view.DecidedBy));

        var published = await host.EventsAsync<TicketRouted>(routed.TicketId);
        Assert.Equal(["General", "Facilities"], published.Select(e => e.Category));
        var corrections = await host.Client.GetFromJsonAsync<List<CategoryCorrectionView>>("/api/v1/routing/corrections", TestJson.Options, Cancel);
        var correction = Assert.Single(corrections!);
        Assert.Equal((routed.TicketId, "it", "General", "Facilities", "maria"),
            (correction.TicketId, correction.Language, correction.PreviousCategory, correction.Category, correction.CorrectedBy));

        var missing = await host.Client.PutAsJsonAsync($"/api/v1/routing/tickets/{routed.TicketId}/category", new { agent = "maria" }, TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("category", await missing.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var unknown = await host.Client.PutAsJsonAsync($"/api/v1/routing/tickets/{Guid.NewGuid()}/category", new { category = "X", agent = "maria" }, TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_desk_teaches_the_model_its_own_category_in_italian_through_corrections()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:ModelConfidenceThreshold"] = "0.5",
            ["Routing:CategoryQueues:Facilities"] = "facilities",
        });
        string[] facilities =
        [
            "Il badge non apre il cancello del parcheggio", "Parcheggio pieno, non trovo posto per l'auto", "Il condizionatore dell'ufficio non raffredda",
            "Riscaldamento spento al terzo piano", "La porta della sala riunioni non si chiude", "Luce rotta nel corridoio del secondo piano",
            "Chiedo un posto auto nel parcheggio aziendale", "Le pulizie dell'ufficio non sono state fatte", "Il badge non apre la porta d'ingresso",
            "Fa troppo caldo in ufficio, il condizionatore è guasto", "Ascensore fermo al piano terra", "Manca acqua nei bagni del primo piano",
        ];
        string[] hardware =
        [
            "La stampante è inceppata", "Il monitor non si accende", "La tastiera del portatile è rotta", "Il mouse non funziona",
            "Il portatile non si carica", "Lo schermo del portatile sfarfalla", "La docking station non riconosce il monitor",
            "Le cuffie non funzionano", "La batteria del portatile è guasta", "Stampante senza toner", "Il proiettore non si accende",
            "Il caricabatterie è rotto",
        ];
        foreach (var (subject, category) in facilities.Select(s => (s, "Facilities")).Concat(hardware.Select(s => (s, "Hardware"))))
        {
            var routed = await host.SubmitAsync(RoutingUnderTest.NewTicket(subject, ""));
            (await host.Client.PutAsJsonAsync($"/api/v1/routing/tickets/{routed.TicketId}/category", new { category, agent = "luca" }, TestJson.Options, Cancel))
                .EnsureSuccessStatusCode();
        }

        var job = await Training.RunAsync(host.Client, "/api/v1/routing/model/train-from-tickets?includeBaseData=false");
        Assert.Equal(TrainingJobState.Activated, job.State);
        Assert.Equal(("resolved-tickets", 24), (job.Model!.Source, job.Model.Examples));
        Assert.InRange(job.Model.Languages!["it"], 18, 24); // a few two-word subjects carry no function word and stay "en"

        var parking = await host.SubmitAsync(RoutingUnderTest.NewTicket("Il cancello del parcheggio non si apre con il badge", ""));
        Assert.Equal(("Facilities", "facilities", "model"), (parking.Category, parking.Queue, parking.DecidedBy));
        var printer = await host.SubmitAsync(RoutingUnderTest.NewTicket("La stampante del secondo piano non stampa", ""));
        Assert.Equal("Hardware", printer.Category);
    }
}
