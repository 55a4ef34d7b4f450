using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using KitValidation = HelpDesk.ServiceDefaults.Http.Validation;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/reports/catalog: per-item volume, approval time, fulfilment time and CSAT for a period.</summary>
internal static class CatalogReportsApi
{
    public static RouteGroupBuilder MapCatalogReportsApi(this RouteGroupBuilder routing)
    {
        routing.MapGet("/reports/catalog", ReportAsync).WithTags("Reports").WithName("Reports_Catalog")
            .RequireScope(HelpDeskScopes.RoutingRead)
            .WithSummary("Catalogue report")
            .WithDescription("Catalogue requests per item over a period.");
        return routing;
    }

    private static async Task<Results<Ok<List<CatalogItemReport>>, ValidationProblem>> ReportAsync(
        RoutingDbContext db, TimeProvider time, DateTimeOffset? from, DateTimeOffset? to, string? item, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        var validation = new KitValidation().When(start >= end, "from", "'from' must be before 'to'.")
            .When(end - start > TimeSpan.FromDays(366), "to", "A report covers at most 366 days.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        // Compared in memory: SQLite cannot order DateTimeOffset columns, and a period's requests are bounded.
        var tickets = (await db.RoutedTickets.AsNoTracking().Where(t => t.CatalogItem != null && (item == null || t.CatalogItem == item))
            .Select(t => new { t.TicketId, t.CatalogItem, t.ReceivedAt, t.Approval, t.ApprovedAt, t.FulfilledAt, t.ResolvedAt, t.Fulfilment, t.Satisfaction })
            .ToListAsync(cancellationToken)).Where(t => t.ReceivedAt >= start && t.ReceivedAt < end).ToList();
        var ids = tickets.Select(t => t.TicketId).ToHashSet();
        var approvals = (await db.ApprovalRequests.AsNoTracking().Where(r => !r.IsChange && (r.Status == ApprovalStatus.Approved || r.Status == ApprovalStatus.Rejected) && (item == null || r.CatalogItem == item))
            .Select(r => new { r.TicketId, r.CreatedAt, r.DecidedAt }).ToListAsync(cancellationToken)).Where(r => ids.Contains(r.TicketId))
            .ToDictionary(r => r.TicketId, r => (r.DecidedAt!.Value - r.CreatedAt).TotalMinutes);
        var report = tickets.GroupBy(t => t.CatalogItem!).OrderBy(g => g.Key).Select(g => new CatalogItemReport(
            g.Key, g.Count(),
            g.Count(t => t.Approval is ApprovalState.Approved or ApprovalState.AutoApproved),
            g.Count(t => t.Approval == ApprovalState.Rejected),
            g.Count(t => t.Approval == ApprovalState.Pending),
            g.Count(t => t.FulfilledAt is not null || t.ResolvedAt is not null),
            g.Count(t => t.Fulfilment == FulfilmentState.AutomationFailed),
            DurationFigures.Of(g.Where(t => approvals.ContainsKey(t.TicketId)).Select(t => approvals[t.TicketId]).ToList()),
            DurationFigures.Of(g.Where(t => t.ApprovedAt is not null && (t.FulfilledAt ?? t.ResolvedAt) is not null)
                .Select(t => ((t.FulfilledAt ?? t.ResolvedAt)!.Value - t.ApprovedAt!.Value).TotalMinutes).ToList()),
            g.Count(t => t.Satisfaction is not null),
            g.Any(t => t.Satisfaction is not null) ? Math.Round(g.Where(t => t.Satisfaction is not null).Average(t => t.Satisfaction!.Value), 2) : null)).ToList();
        return TypedResults.Ok(report);
    }
}
