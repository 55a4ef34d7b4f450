using HelpDesk.Contracts;
using HelpDesk.Routing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// What a routed service request needs from the catalogue: the item version it was filed against (the one Intake
/// validated, or the current one), its fulfilment queue and SLA policy, and its approval: none (pre-approved, then
/// fulfilment starts at once) or the policy's stages through the <see cref="ApprovalEngine"/>.
/// </summary>
public sealed class CatalogRequests(ApprovalEngine engine, FulfilmentService fulfilment)
{
    /// <summary>The item version a request was filed against: the one Intake validated, else the current one (null for simple items).</summary>
    public static async Task<CatalogItemVersion?> FindVersionAsync(RoutingDbContext db, string? catalogItem, TicketSubmitted submitted, CancellationToken cancellationToken)
    {
        if (catalogItem is null)
        {
            return null;
        }
        var item = await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == catalogItem, cancellationToken);
        var number = submitted.CatalogItem == catalogItem && submitted.CatalogItemVersion is { } filed ? filed : item?.CurrentVersion ?? 0;
        return number == 0 ? null : await db.CatalogItemVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.Key == catalogItem && v.Version == number, cancellationToken);
    }

    /// <summary>The approval stages of a service request: none when pre-approved.</summary>
    public static IReadOnlyList<ApprovalStageDefinition> StagesFor(RoutingDecision decision, CatalogItemVersion? version) =>
        version is not null
            ? version.Definition.Approval.PreApproved ? [] : version.Definition.Approval.Stages
            : decision.Approval == ApprovalState.AutoApproved ? [] : [LegacyStage(decision.Approver)];

    /// <summary>Starts the approval of a service request or, with no stages, its fulfilment.</summary>
    public async Task StartAsync(
        RoutingDbContext db, RoutedTicket ticket, TicketSubmitted submitted, IReadOnlyList<ApprovalStageDefinition> stages, CatalogItemVersion? version,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = new ApprovalSubject(ticket.TicketId, ticket.TicketNumber, IsChange: false, ticket.Subject, ticket.CatalogItem, ticket.CatalogVersion,
            submitted.Requester.Email, submitted.RequesterManager, submitted.Language);
        if (await engine.StartAsync(db, subject, stages, now, cancellationToken) is null)
        {
            await fulfilment.StartAsync(db, ticket, version?.Definition, now, cancellationToken);
        }
    }

    private static ApprovalStageDefinition LegacyStage(string? approver) =>
        new("approval", ApprovalMode.AnyOf, [new ApproverRef(ApproverKind.Person, approver)]);
}
