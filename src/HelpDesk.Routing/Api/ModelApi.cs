using System.Text;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/model: the ticket classifier, trained from a CSV upload or from the desk's resolved tickets.</summary>
internal static class ModelApi
{
    public static RouteGroupBuilder MapModelApi(this RouteGroupBuilder routing)
    {
        var model = routing.MapGroup("/model");
        model.MapGet("/", GetModel);
        model.MapPost("/train", TrainFromCsvAsync).DisableAntiforgery();
        model.MapPost("/train-from-tickets", TrainFromTicketsAsync);
        return routing;
    }

    private static Ok<ModelView> GetModel(TicketClassifier classifier) =>
        TypedResults.Ok(new ModelView(classifier.IsTrained, classifier.ConfidenceThreshold, classifier.Info));

    /// <summary>Trains from a CSV upload: a text/csv body or a multipart form file named "file".</summary>
    private static async Task<Results<Ok<ClassifierInfo>, ValidationProblem>> TrainFromCsvAsync(HttpRequest request, TicketClassifier classifier, CancellationToken cancellationToken)
    {
        List<LabelledTicket> examples;
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                if (form.Files.GetFile("file") is not { } file)
                {
                    return Validation.Problem("file", "Upload the CSV as a form file named 'file'.");
                }
                using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
                examples = CsvReader.ReadLabelledTickets(new StringReader(await reader.ReadToEndAsync(cancellationToken)));
            }
            else
            {
                // Read asynchronously first: Kestrel disallows synchronous reads of the request body.
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                examples = CsvReader.ReadLabelledTickets(new StringReader(await reader.ReadToEndAsync(cancellationToken)));
            }
        }
        catch (InvalidDataException ex)
        {
            return Validation.Problem("file", ex.Message);
        }
        return await TrainAsync(classifier, examples, "csv", "file", cancellationToken);
    }

    private static async Task<Results<Ok<ClassifierInfo>, ValidationProblem>> TrainFromTicketsAsync(
        RoutingDbContext db, TicketClassifier classifier, CancellationToken cancellationToken)
    {
        // Resolved tickets whose category a rule or the model set: what the desk actually worked them as.
        var examples = (await db.RoutedTickets.AsNoTracking()
                .Where(t => t.ResolvedAt != null && t.DecidedBy != "default")
                .Select(t => new { t.Subject, t.Description, t.Category })
                .ToListAsync(cancellationToken))
            .Select(t => new LabelledTicket($"{t.Subject} {t.Description}", t.Category))
            .ToList();
        return await TrainAsync(classifier, examples, "resolved-tickets", "tickets", cancellationToken);
    }

    private static async Task<Results<Ok<ClassifierInfo>, ValidationProblem>> TrainAsync(
        TicketClassifier classifier, List<LabelledTicket> examples, string source, string field, CancellationToken cancellationToken)
    {
        var categories = examples.Select(e => e.Category).Distinct(StringComparer.Ordinal).Count();
        if (examples.Count < 10 || categories < 2)
        {
            return Validation.Problem(field,
                $"Training needs at least 10 labelled tickets in at least 2 categories; got {examples.Count} in {categories}.");
        }
        return TypedResults.Ok(await classifier.TrainAsync(examples, source, cancellationToken));
    }
}
