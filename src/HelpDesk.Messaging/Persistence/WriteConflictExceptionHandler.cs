using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// The safety net for every write of a service with a database: a request whose transaction lost a race
/// (<see cref="WriteConflicts.IsConflict"/>) and was not retried, or kept losing, is answered 409 with a problem that
/// says to retry, instead of a 500. Nothing was written: its transaction rolled back.
/// </summary>
internal sealed class WriteConflictExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!WriteConflicts.IsConflict(exception))
        {
            return false;
        }
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        WriteConflicts.Record(endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? httpContext.Request.Path, "answered-409");
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Concurrent change",
                Detail = "Another request changed the same record at the same time and this one was not applied; send it again.",
            },
            Exception = exception,
        });
    }
}
