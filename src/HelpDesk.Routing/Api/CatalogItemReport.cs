namespace HelpDesk.Routing.Api;

/// <summary>
/// One catalogue item over a period: requests filed, how approvals ended, approval time (request → last decision),
/// fulfilment time (approved → fulfilled or resolved), both in minutes (average, p50, p90, nearest rank), and CSAT.
/// </summary>
public sealed record CatalogItemReport(
    string CatalogItem, int Requests, int Approved, int Rejected, int PendingApproval, int Fulfilled, int AutomationFailures,
    DurationFigures ApprovalMinutes, DurationFigures FulfilmentMinutes, int CsatResponses, double? CsatAverage);
