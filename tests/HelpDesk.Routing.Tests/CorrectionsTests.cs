using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Api;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.ServiceDefaults.Http;
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
        string[] hardware =
        [
            "La stampante è inceppata", "Il monitor non si accende", "La tastiera del portatile è rotta", "Il mouse non funziona",
            "Il portatile non si carica", "Lo schermo del portatile sfarfalla", "La docking station non riconosce il monitor",
            "Le cuffie non funzionano", "La batteria del portatile è guasta", "Stampante senza toner", "Il proiettore non si accende",
            "Il caricabatterie è rotto",
        ];
        foreach (var (subject, category) in FacilitiesIt.Select(s => (s, "Facilities")).Concat(hardware.Select(s => (s, "Hardware"))))
        {
            var routed = await host.SubmitAsync(RoutingUnderTest.NewTicket(subject, ""));
            (await host.Client.PutAsJsonAsync($"/api/v1/routing/tickets/{routed.TicketId}/category", new { category, agent = "luca" }, TestJson.Options, Cancel))
                .EnsureSuccessStatusCode();
        }

        var job = await Training.RunAsync(host.Client, "/api/v1/routing/model/train-from-tickets?includeBaseData=false");
        Assert.Equal(TrainingJobState.Activated, job.State);
        Assert.Equal(("resolved-tickets", 24), (job.Model!.Source, job.Model.Examples));
        Assert.InRange(job.Model.Languages!["it"], 18, 24); // a few short subjects carry no function word and stay "en"

        var parking = await host.SubmitAsync(RoutingUnderTest.NewTicket("Il cancello del parcheggio non si apre con il badge", ""));
        Assert.Equal(("Facilities", "facilities", "model"), (parking.Category, parking.Queue, parking.DecidedBy));
        var printer = await host.SubmitAsync(RoutingUnderTest.NewTicket("La stampante del secondo piano non stampa", ""));
        Assert.Equal("Hardware", printer.Category);
    }

    /// <summary>
    /// The whole product path with real components: the shipped model routes Italian and French tickets, an agent
    /// corrects them over the API, an admin trains from the desk's tickets with the public data, the replacement rule
    /// keeps the shipped model until the admin forces the new one, and the next similar tickets get the agent's category.
    /// </summary>
    [Fact]
    public async Task Agents_italian_and_french_corrections_train_with_the_public_data_and_route_the_next_tickets()
    {
        using var data = new TempDirectory("routing-corrections");
        // A slice of the shipped training split stands for the public data, so that the job takes seconds, not minutes.
        var publicData = Path.Combine(data.Path, "it-service-tickets-slice.csv");
        WriteCsv(publicData, BaseData.ReadCsv(Shipped.TrainCsv).Take(PublicExamples));
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:Classifier:UseDefaultModel"] = "true",
            ["Routing:Classifier:BaseDataPath"] = publicData,
            ["Routing:CategoryQueues:Facilities"] = "facilities",
        });
        const string italian = "Il cancello del parcheggio non si apre con il badge";
        const string french = "La barrière du parking ne s'ouvre pas avec mon badge";
        var before = await RouteAsync(host, italian, french);
        Assert.DoesNotContain("Facilities", before.Select(t => t.Category));

        var agent = TestCallers.Agent("grace");
        foreach (var subject in FacilitiesIt.Concat(FacilitiesFr))
        {
            var routed = await host.SubmitAsync(RoutingUnderTest.NewTicket(subject, ""));
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/routing/tickets/{routed.TicketId}/category")
            {
                Content = JsonContent.Create(new { category = "Facilities" }, options: TestJson.Options),
            };
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request.As(agent), Cancel)).StatusCode);
        }
        var corrections = await host.Client.GetFromJsonAsync<List<CategoryCorrectionView>>("/api/v1/routing/corrections", TestJson.Options, Cancel);
        Assert.Equal(24, corrections!.Count(c => c is { Category: "Facilities", CorrectedBy: "grace@example.org" }));
        var identified = corrections!.CountBy(c => c.Language).ToDictionary();
        Assert.Equal((12, 12), (identified.GetValueOrDefault("it"), identified.GetValueOrDefault("fr")));

        // Training changes every ticket's routing: an agent may not start it, an admin may.
        using (var refused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/routing/model/train-from-tickets"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(refused.As(agent), Cancel)).StatusCode);
        }
        var admin = TestCallers.Admin();
        var kept = await Training.RunAsync(host.Client, "/api/v1/routing/model/train-from-tickets", caller: admin);
        Assert.Equal((TrainingJobState.Kept, "resolved-tickets+it-service-tickets", PublicExamples + 24), (kept.State, kept.Model!.Source, kept.Model.Examples));
        Assert.Contains("Facilities", kept.Model.Categories);
        Assert.Contains("below the current", kept.Reason, StringComparison.Ordinal);
        Assert.Equal(before.Select(t => t.Category), (await RouteAsync(host, italian, french)).Select(t => t.Category));

        var forced = await Training.RunAsync(host.Client, "/api/v1/routing/model/train-from-tickets?force=true", caller: admin);
        Assert.Equal((TrainingJobState.Activated, PublicExamples + 24), (forced.State, forced.Model!.Examples));
        var after = await RouteAsync(host, italian, french, "The laptop screen stays black after the update");
        Assert.Equal([("Facilities", "facilities", "model"), ("Facilities", "facilities", "model"), ("Hardware", "hardware", "model")],
            after.Select(t => (t.Category, t.Queue, t.DecidedBy)));
    }

    private const int PublicExamples = 1000;

    private static readonly string[] FacilitiesIt =
    [
        "Il badge non apre il cancello del parcheggio", "Parcheggio pieno, non trovo posto per l'auto", "Il condizionatore dell'ufficio non raffredda",
        "Il riscaldamento è spento al terzo piano", "La porta della sala riunioni non si chiude", "Luce rotta nel corridoio del secondo piano",
        "Chiedo un posto auto nel parcheggio aziendale", "Le pulizie dell'ufficio non sono state fatte", "Il badge non apre la porta d'ingresso",
        "Fa troppo caldo in ufficio, il condizionatore è guasto", "L'ascensore è fermo al piano terra", "Manca acqua nei bagni del primo piano",
    ];

    private static readonly string[] FacilitiesFr =
    [
        "Mon badge n'ouvre pas la barrière du parking", "Le parking est complet, je ne trouve pas de place pour la voiture",
        "La climatisation du bureau ne refroidit pas", "Le chauffage est éteint au troisième étage", "La porte de la salle de réunion ne ferme pas",
        "La lumière est cassée dans le couloir du deuxième étage", "Je demande une place dans le parking de l'entreprise",
        "Le ménage du bureau n'a pas été fait", "Mon badge n'ouvre pas la porte d'entrée", "Il fait trop chaud au bureau, la climatisation est en panne",
        "L'ascenseur est bloqué au rez-de-chaussée", "Il n'y a plus d'eau dans les toilettes du premier étage",
    ];

    private static async Task<List<RoutedTicket>> RouteAsync(ServiceTestHost host, params string[] subjects)
    {
        var routed = new List<RoutedTicket>();
        foreach (var subject in subjects)
        {
            routed.Add(await host.SubmitAsync(RoutingUnderTest.NewTicket(subject, "")));
        }
        return routed;
    }

    private static void WriteCsv(string path, IEnumerable<LabelledTicket> tickets)
    {
        static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        File.WriteAllLines(path, tickets.Select(t => $"{Quote(t.Text)},{Quote(t.Category)}").Prepend("text,category"));
    }
}
