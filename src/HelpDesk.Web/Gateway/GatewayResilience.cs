using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace HelpDesk.Web.Gateway;

/// <summary>
/// How the web app's calls through the gateway ride out failures. The gateway answers 429 when one person exceeds
/// their own rate limit: that says nothing about the gateway's health, so it is neither retried (a retry only spends
/// more of that person's budget, and holds their page for the Retry-After) nor counted by the circuit breaker, which is
/// shared by every person's calls — one fast person must not open it and fail everybody's pages.
/// </summary>
public static class GatewayResilience
{
    public static void Configure(HttpStandardResilienceOptions options)
    {
        options.Retry.ShouldHandle = args => ValueTask.FromResult(IsGatewayFailure(args.Outcome));
        // After ShouldHandle, which it wraps: a retried POST could add a comment twice; only reads are retried (ticket
        // submission has its Idempotency-Key).
        options.Retry.DisableForUnsafeHttpMethods();
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsGatewayFailure(args.Outcome));
    }

    /// <summary>Transient (5xx, 408, a transport error or timeout), but not one caller's 429.</summary>
    public static bool IsGatewayFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests && HttpClientResiliencePredicates.IsTransient(outcome);
}
