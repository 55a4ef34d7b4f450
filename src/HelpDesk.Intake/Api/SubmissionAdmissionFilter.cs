using System.Globalization;

namespace HelpDesk.Intake.Api;

/// <summary>
/// Runs a submission only once <see cref="SubmissionAdmission"/> grants it a slot; otherwise 503 with Retry-After and a
/// problem that tells the channel to retry with the same Idempotency-Key. Nothing was written for a refused request.
/// </summary>
public sealed class SubmissionAdmissionFilter(SubmissionAdmission admission) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = await admission.EnterAsync(context.HttpContext.RequestAborted);
        if (lease is null)
        {
            var retryAfter = Math.Max(1, (int)Math.Ceiling(admission.Options.RetryAfter.TotalSeconds));
            context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return HttpProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Intake is at capacity",
                $"Too many tickets are being submitted right now; nothing was recorded for this request. Retry after {retryAfter} s with the same Idempotency-Key.");
        }
        return await next(context);
    }
}
