using System.Net;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Api;

/// <summary>
/// /api/v1/routing/approvals/links/{token}: deciding from an e-mail without signing in. The signed token is the
/// credential (one seat, one decision, an expiry, single use). GET only shows a confirmation page, because mail
/// scanners open links on their own; the POST of that page decides.
/// </summary>
internal static class ApprovalLinksApi
{
    public static RouteGroupBuilder MapApprovalLinksApi(this RouteGroupBuilder routing)
    {
        // The signed, single-use token is the credential: the gateway forwards these anonymously (no service token).
        var links = routing.MapGroup("/approvals/links").WithTags("Approvals").AllowAnonymous();
        links.MapGet("/{token}", ShowAsync)
            .ExcludeFromDescription(); // a browser page (HTML), not part of the client API
        links.MapPost("/{token}", UseAsync).DisableAntiforgery()
            .ExcludeFromDescription(); // a browser page (HTML), not part of the client API
        return routing;
    }

    private static async Task<ContentHttpResult> ShowAsync(string token, ApprovalLinkSigner signer, RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var link = await signer.VerifyAsync(token, cancellationToken);
        if (link is null)
        {
            return Page(StatusCodes.Status404NotFound, "Unknown link", "This approval link is not valid.");
        }
        if (link.ExpiresAt <= time.GetUtcNow())
        {
            return Page(StatusCodes.Status410Gone, "Link expired", "This approval link has expired; decide in the portal instead.");
        }
        var request = await ApprovalEngine.LoadAsync(db, r => r.Stages.Any(s => s.Votes.Any(v => v.Id == link.VoteId)), cancellationToken);
        var verb = link.Approve ? "Approve" : "Reject";
        var what = request is null ? "this request" : $"{request.TicketNumber}: {request.Subject}";
        return Page(StatusCodes.Status200OK, $"{verb} {request?.TicketNumber}",
            $"{verb} {WebUtility.HtmlEncode(what)}?</p><form method=\"post\"><button type=\"submit\">{verb}</button></form><p>");
    }

    private static async Task<ContentHttpResult> UseAsync(string token, ApprovalLinkSigner signer, RoutingDbContext db, ApprovalEngine engine, TimeProvider time, CancellationToken cancellationToken)
    {
        var link = await signer.VerifyAsync(token, cancellationToken);
        if (link is null)
        {
            return Page(StatusCodes.Status404NotFound, "Unknown link", "This approval link is not valid.");
        }
        var result = await ApprovalTransactions.DecideWithRetryAsync(db, ct => engine.DecideByLinkAsync(db, link, time.GetUtcNow(), ct), cancellationToken);
        return result.Outcome switch
        {
            ApprovalDecisionOutcome.Recorded => Page(StatusCodes.Status200OK, "Thank you",
                $"Your decision on {WebUtility.HtmlEncode(result.Request!.TicketNumber)} ({(link.Approve ? "approved" : "rejected")}) is recorded."),
            ApprovalDecisionOutcome.LinkExpired or ApprovalDecisionOutcome.LinkUsed or ApprovalDecisionOutcome.Withdrawn => Page(StatusCodes.Status410Gone, "Link no longer valid", WebUtility.HtmlEncode(result.Detail!)),
            ApprovalDecisionOutcome.NotFound => Page(StatusCodes.Status404NotFound, "Unknown link", "This approval no longer exists."),
            _ => Page(StatusCodes.Status409Conflict, "Already decided", WebUtility.HtmlEncode(result.Detail ?? "This approval was already decided.")),
        };
    }

    private static ContentHttpResult Page(int status, string title, string bodyHtml) =>
        TypedResults.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
            $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{bodyHtml}</p></body></html>", "text/html; charset=utf-8", statusCode: status);
}
