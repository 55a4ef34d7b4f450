using System.Globalization;
using HelpDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Endpoints;

/// <summary>
/// The JSON the pages' small scripts ask for: KB suggestions while a subject is typed, and a ticket's version so an open
/// ticket page reloads when someone else changed it. Both call the gateway as the signed-in person.
/// </summary>
public static class IslandEndpoints
{
    public static void MapIslandEndpoints(this WebApplication app)
    {
        app.MapGet("/portal/suggest", SuggestAsync).RequireAuthorization();
        app.MapGet("/live/tickets/{number}", VersionAsync).RequireAuthorization();
    }

    private static async Task<Results<Ok<SuggestionItem[]>, StatusCodeHttpResult>> SuggestAsync(string? subject, string? description, GatewayApi api, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200 || description?.Length > 2000)
        {
            return TypedResults.Ok(Array.Empty<SuggestionItem>());
        }
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var answer = await api.SuggestAsync(subject.Trim(), description, language, cancellationToken);
        if (!answer.IsSuccess)
        {
            // Not "no articles": the page's script asks again a little later.
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        var items = (answer.Value?.Articles ?? [])
            .Select(a => new SuggestionItem(a.Title, Snippets.Safe(a.Snippet), $"/portal/kb/{a.ArticleId}"))
            .ToArray();
        return TypedResults.Ok(items);
    }

    private static async Task<Results<Ok<TicketVersion>, NotFound>> VersionAsync(string number, GatewayApi api, CancellationToken cancellationToken)
    {
        var ticket = (await api.TicketAsync(number, cancellationToken)).Value;
        return ticket is null ? TypedResults.NotFound() : TypedResults.Ok(new TicketVersion(ticket.Version, ticket.Status, ticket.UpdatedAt));
    }
}
