using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Api;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

public sealed class ClassifierTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<ClassifierInfo> TrainAsync(ServiceTestHost host, string csv)
    {
        var job = await Training.CsvAsync(host.Client, csv);
        Assert.Equal(TrainingJobState.Activated, job.State);
        return job.Model!;
    }

    [Fact]
    public void Csv_reader_handles_quotes_commas_and_line_breaks()
    {
        using var reader = new StringReader("Document,Topic_group\n\"printer, 3rd floor \"\"HP\"\"\nis jammed\",Hardware\nreset my password,Access\n");
        var tickets = CsvReader.ReadLabelledTickets(reader);
        Assert.Equal([new LabelledTicket("printer, 3rd floor \"HP\"\nis jammed", "Hardware"), new LabelledTicket("reset my password", "Access")], tickets);
    }

    [Fact]
    public async Task Model_decides_when_no_rule_matches_and_it_is_confident_else_the_default_applies()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:ModelConfidenceThreshold"] = "0.6",
            ["Routing:CategoryQueues:Access"] = "identity",
        });
        (await host.PostRuleAsync(new { name = "printers", keywords = TestValues.Of("printer"), queue = "print-desk", category = "Printing" })).EnsureSuccessStatusCode();

        var info = await TrainAsync(host, TrainingData.Csv());
        Assert.Equal(["Access", "Hardware", "Purchase"], info.Categories.Order());
        Assert.NotNull(info.Validation);
        Assert.True(info.Validation.Accuracy > 0.9, $"validation accuracy {info.Validation.Accuracy}");

        var byModel = await host.SubmitAsync(RoutingUnderTest.NewTicket("cannot login", "my account is locked after password reset, mfa token lost"));
        Assert.Equal(("identity", "Access", "model"), (byModel.Queue, byModel.Category, byModel.DecidedBy));
        Assert.True(byModel.Confidence >= 0.6, $"confidence {byModel.Confidence}");
        Assert.Contains("≥ threshold 0.60", byModel.Explanation, StringComparison.Ordinal);

        var byRule = await host.SubmitAsync(RoutingUnderTest.NewTicket("printer offline", "printer on the second floor"));
        Assert.Equal("rule:printers", byRule.DecidedBy);

        var unsure = await host.SubmitAsync(RoutingUnderTest.NewTicket("zzz qqq", "xylophone"));
        Assert.Equal(("service-desk", "General", "default"), (unsure.Queue, unsure.Category, unsure.DecidedBy));
        Assert.True(unsure.Confidence < 0.6);
        Assert.Contains("< threshold", unsure.Explanation, StringComparison.Ordinal);

        var routed = Assert.Single(await host.EventsAsync<TicketRouted>(byModel.TicketId));
        Assert.Equal("model", routed.DecidedBy);
        Assert.Equal(byModel.Confidence, routed.Confidence);
    }

    [Fact]
    public async Task Saved_model_is_loaded_after_a_restart_without_retraining()
    {
        using var data = new TempDirectory("routing-model");
        await using (var first = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, dataDirectory: data.Path))
        {
            Assert.Equal(TrainingJobState.Activated, (await Training.CsvAsync(first.Client, TrainingData.Csv())).State);
        }
        await using var second = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, dataDirectory: data.Path);
        var model = await second.Client.GetFromJsonAsync<ModelView>("/api/v1/routing/model", TestJson.Options, Cancel);
        Assert.True(model!.Trained);
        Assert.Equal("csv", model.Model!.Source);
        var explained = await (await second.Client.PostAsJsonAsync("/api/v1/routing/explain", new { subject = "new laptop monitor and docking station" }, TestJson.Options, Cancel))
            .Content.ReadFromJsonAsync<ExplainResponse>(TestJson.Options, Cancel);
        Assert.Equal(("model", "Hardware"), (explained!.DecidedBy, explained.Category));
        Assert.Equal("Hardware", explained.Model!.Category);
    }

    [Fact]
    public async Task Multipart_upload_trains_and_bad_csv_is_a_validation_problem()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(TrainingData.Csv(perCategory: 20)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "tickets.csv");
        Assert.Equal(TrainingJobState.Activated, (await Training.RunAsync(host.Client, "/api/v1/routing/model/train", form)).State);

        using var noLabel = new StringContent("subject,description\na,b\n", Encoding.UTF8, "text/csv");
        var response = await host.Client.PostAsync("/api/v1/routing/model/train", noLabel, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("label column", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);

        // A well-formed file that cannot train a model fails its job with the reason, and the active model stays.
        var oneCategory = await Training.CsvAsync(host.Client, "text,category\n" + string.Concat(Enumerable.Repeat("laptop broken,Hardware\n", 20)));
        Assert.Equal(TrainingJobState.Failed, oneCategory.State);
        Assert.Contains("at least 2 categories", oneCategory.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_retrains_from_resolved_tickets_categorised_by_rules()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?> { ["Routing:ModelConfidenceThreshold"] = "0.5" });
        (await host.PostRuleAsync(new { name = "access", tags = TestValues.Of("access"), queue = "identity", category = "Access" })).EnsureSuccessStatusCode();
        (await host.PostRuleAsync(new { name = "hardware", tags = TestValues.Of("hardware"), queue = "field", category = "Hardware" })).EnsureSuccessStatusCode();
        var bus = host.GetRequiredService<MassTransit.IBus>();
        var random = new Random(3);
        var tickets = new List<TicketSubmitted>();
        foreach (var (category, words) in TrainingData.Vocabulary.Where(v => v.Key != "Purchase"))
        {
            for (var i = 0; i < 15; i++)
            {
                tickets.Add(RoutingUnderTest.NewTicket(words[random.Next(words.Length)], string.Join(' ', Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)])), tags: [category.ToLowerInvariant()]));
            }
        }
        foreach (var ticket in tickets)
        {
            await host.SubmitAsync(ticket);
            await bus.Publish(new TicketResolved(ticket.TicketId, ticket.TicketNumber, DateTimeOffset.UtcNow, "fixed"), Cancel);
        }
        await Eventually.TrueAsync(() => host.QueryAsync(db => Task.FromResult(db.RoutedTickets.Count(t => t.ResolvedAt != null) == tickets.Count)));

        var job = await Training.RunAsync(host.Client, "/api/v1/routing/model/train-from-tickets?includeBaseData=false");
        Assert.Equal(TrainingJobState.Activated, job.State);
        Assert.Equal(("resolved-tickets", 30), (job.Model!.Source, job.Model.Examples));

        var routed = await host.SubmitAsync(RoutingUnderTest.NewTicket("vpn password", "login locked sso"));
        Assert.Equal(("model", "Access"), (routed.DecidedBy, routed.Category));
    }
}
