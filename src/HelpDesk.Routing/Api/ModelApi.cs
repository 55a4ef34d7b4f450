using System.Text;
using HelpDesk.Routing.Infrastructure.Classification;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HelpDesk.Routing.Api;

/// <summary>The classifier: its state, training jobs from a CSV upload or from the desk's own tickets, and job status.</summary>
internal static class ModelApi
{
    public static RouteGroupBuilder MapModelApi(this RouteGroupBuilder routing)
    {
        // Training and going back to an earlier model change every ticket's routing: routing's administrators only.
        var model = routing.MapGroup("/model").Require(new CallerRequirement([HelpDeskScopes.RoutingAdmin], [], RequestMethods.Writes));
        model.MapGet("/", (TicketClassifier classifier) => TypedResults.Ok(new ModelView(classifier.IsTrained, classifier.ConfidenceThreshold, classifier.Info)))
            .WithName("Model_Get").WithSummary("Get the classifier's state")
            .WithDescription("Whether the category classifier is trained, its confidence threshold and what it was trained on.");
        model.MapPost("/train", TrainFromUploadAsync).WithName("Model_TrainFromUpload").DisableAntiforgery()
            .WithSummary("Train the classifier from a CSV")
            .WithDescription("Spools the CSV (text/csv body or a multipart file named `file`) and queues a training job: 202 with the job's status URL.");
        model.MapPost("/train-from-tickets", TrainFromTickets).WithName("Model_TrainFromTickets")
            .WithSummary("Train the classifier from the desk's tickets")
            .WithDescription("Queues training on the shipped data plus category corrections and resolved tickets: 202 with the job's status URL.");
        model.MapGet("/jobs", async (ModelTrainingJobs jobs, CancellationToken cancellationToken) => TypedResults.Ok(await jobs.ListAsync(cancellationToken)))
            .WithName("Model_ListJobs").WithSummary("List training jobs")
            .WithDescription("The last 100 training jobs of every replica with their state.");
        model.MapGet("/jobs/{id:guid}", async Task<Results<Ok<TrainingJobView>, NotFound>> (Guid id, ModelTrainingJobs jobs, CancellationToken cancellationToken) =>
            await jobs.FindAsync(id, cancellationToken) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound())
            .WithName("Model_GetJob").WithSummary("Get a training job")
            .WithDescription("One training job: queued, running, done (with the new model\'s figures) or failed.");
        model.MapGet("/history", HistoryAsync).WithName("Model_History")
            .WithSummary("List the models activated here")
            .WithDescription($"The last {TicketClassifier.KeptModels} models activated on this desk, newest (the one in use) first.");
        model.MapPost("/history/{id:guid}/activate", ActivateAsync).WithName("Model_Activate")
            .WithSummary("Go back to an earlier model")
            .WithDescription("Makes a model from the history the one in use again (every replica within the refresh interval).")
            .ProducesProblem(404);
        return routing;
    }

    private static async Task<Ok<List<StoredModelView>>> HistoryAsync(RoutingDbContext db, CancellationToken cancellationToken)
    {
        var rows = await StoredClassifierModel.NewestFirst(db.ClassifierModels.AsNoTracking())
            .Select(m => new { m.Id, m.ActivatedAt, m.Source, m.ValidationAccuracy }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select((m, i) => new StoredModelView(m.Id, m.ActivatedAt, m.Source, m.ValidationAccuracy, i == 0)).ToList());
    }

    private static async Task<Results<Ok<ModelView>, ProblemHttpResult>> ActivateAsync(Guid id, TicketClassifier classifier, CancellationToken cancellationToken) =>
        await classifier.ActivateStoredAsync(id, cancellationToken)
            ? TypedResults.Ok(new ModelView(classifier.IsTrained, classifier.ConfidenceThreshold, classifier.Info))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such model",
                detail: $"No model {id} is kept in the history (GET /api/v1/routing/model/history lists them).");

    /// <summary>
    /// Spools the CSV (a text/csv body, or a multipart form file named "file") to disk as it arrives, checks its header,
    /// and queues a training job: 202 with the job's status URL. The body is never held in memory.
    /// </summary>
    private static async Task<Results<Accepted<TrainingJobView>, ValidationProblem>> TrainFromUploadAsync(
        HttpRequest request, bool? force, ModelTrainingJobs jobs, IConfiguration configuration, IOptionsMonitor<RoutingOptions> options, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.CurrentValue.Training.MaxUploadBytes;
        }
        var id = Guid.NewGuid();
        var directory = Path.Combine(HelpDesk.Messaging.Persistence.PersistenceExtensions.GetDataDirectory(configuration), "routing", "uploads");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{id:N}.csv");
        try
        {
            var copied = await SpoolAsync(request, path, cancellationToken);
            if (copied is not null)
            {
                return Validation.Problem("file", copied);
            }
            using (var reader = new StreamReader(path, Encoding.UTF8))
            {
                var header = CsvReader.ReadRecords(reader).FirstOrDefault() ?? throw new InvalidDataException("The CSV is empty: expected a header row.");
                CsvReader.CheckHeader(header);
            }
        }
        catch (InvalidDataException ex)
        {
            File.Delete(path);
            return Validation.Problem("file", ex.Message);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        var job = await jobs.EnqueueAsync("csv", force ?? false, path, loader: null, id, cancellationToken);
        return TypedResults.Accepted($"/api/v1/routing/model/jobs/{job.Id}", job.View);
    }

    /// <summary>Copies the CSV to <paramref name="path"/>; returns an error message for a form without a "file" part.</summary>
    private static async Task<string?> SpoolAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        if (request.HasFormContentType)
        {
            var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return "The multipart form has no boundary.";
            }
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition() && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
                {
                    await section.Body.CopyToAsync(file, cancellationToken);
                    return null;
                }
            }
            return "Upload the CSV as a form file named 'file'.";
        }
        await request.Body.CopyToAsync(file, cancellationToken);
        return null;
    }

    /// <summary>
    /// Queues training on the shipped IT-service-tickets data plus the desk's own tickets: every category correction
    /// (agents' verdicts, in the tickets' own language) and resolved tickets a rule or the model categorised.
    /// </summary>
    private static async Task<Accepted<TrainingJobView>> TrainFromTickets(
        bool? force, bool? includeBaseData, ModelTrainingJobs jobs, IServiceScopeFactory scopes, IOptionsMonitor<RoutingOptions> options, CancellationToken requestAborted)
    {
        var withBase = includeBaseData ?? true;
        var job = await jobs.EnqueueAsync(withBase ? "resolved-tickets+it-service-tickets" : "resolved-tickets", force ?? false, null, async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
            var corrections = await db.CategoryCorrections.AsNoTracking().ToListAsync(cancellationToken);
            var corrected = corrections.Select(c => c.TicketId).ToHashSet();
            var resolved = await db.RoutedTickets.AsNoTracking()
                .Where(t => t.ResolvedAt != null && t.DecidedBy != "default")
                .Select(t => new { t.TicketId, t.Subject, t.Description, t.Category })
                .ToListAsync(cancellationToken);
            var examples = corrections.Select(c => new LabelledTicket($"{c.Subject} {c.Description}", c.Category, c.Language))
                .Concat(resolved.Where(t => !corrected.Contains(t.TicketId)).Select(t => new LabelledTicket($"{t.Subject} {t.Description}", t.Category)))
                .ToList();
            if (withBase)
            {
                examples.AddRange(BaseData.Read(options.CurrentValue.Classifier));
            }
            return examples;
        }, id: null, requestAborted);
        return TypedResults.Accepted($"/api/v1/routing/model/jobs/{job.Id}", job.View);
    }
}
