namespace HelpDesk.Intake.Api;

/// <summary>
/// /api/v1/reports/tickets: the support lead's ticket figures (volumes, first response, resolution, reopen rate, CSAT)
/// by queue, category, agent, channel or organisation, and tickets in/out per day; JSON, or CSV with
/// <c>?format=csv</c> (or Accept: text/csv). Leads and admins only (reports:read).
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports/tickets").WithTags("Reports").RequireScope(HelpDeskScopes.ReportsRead);
        reports.MapGet("/", ByAsync).WithName("Reports_Tickets")
            .WithSummary("Ticket figures by dimension")
            .WithDescription("Volumes, first response and resolution times, reopen rate and CSAT by queue, category, agent, channel or organisation. JSON, or CSV with `format=csv` or `Accept: text/csv`.");
        reports.MapGet("/daily", DailyAsync).WithName("Reports_TicketsDaily")
            .WithSummary("Tickets in and out per day")
            .WithDescription("Tickets opened and resolved per day over a period. JSON, or CSV with `format=csv`.");
        return reports;
    }

    private static async Task<Results<Ok<TicketReport>, ContentHttpResult, ValidationProblem>> ByAsync(
        string? from, string? to, string? by, string? format, HttpRequest request, TicketReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var period = ReportPeriod.Read(from, to, time.GetUtcNow(), validation);
        var dimension = string.IsNullOrWhiteSpace(by) ? "queue" : by.Trim().ToLowerInvariant();
        validation.When(!TicketReports.Dimensions.Contains(dimension), "by", $"One of: {string.Join(", ", TicketReports.Dimensions)}.");
        CheckFormat(format, validation);
        if (!validation.IsValid || period is null)
        {
            return validation.Problem();
        }
        var report = await reports.ByAsync(period, dimension, cancellationToken);
        return ReportCsv.Wanted(request, format) ? TypedResults.Text(ReportCsv.Of(report), CsvText.ContentType) : TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<DailyVolumeReport>, ContentHttpResult, ValidationProblem>> DailyAsync(
        string? from, string? to, string? format, HttpRequest request, TicketReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var period = ReportPeriod.Read(from, to, time.GetUtcNow(), validation);
        CheckFormat(format, validation);
        if (!validation.IsValid || period is null)
        {
            return validation.Problem();
        }
        var report = await reports.DailyAsync(period, cancellationToken);
        return ReportCsv.Wanted(request, format) ? TypedResults.Text(ReportCsv.Of(report), CsvText.ContentType) : TypedResults.Ok(report);
    }

    private static void CheckFormat(string? format, Validation validation) =>
        validation.When(format is not null && format is not ("json" or "csv"), "format", "Either json or csv.");
}
