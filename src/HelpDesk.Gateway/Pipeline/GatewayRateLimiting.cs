using System.Globalization;
using System.Threading.RateLimiting;
using HelpDesk.Gateway.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// One token bucket per API key: Burst requests at once, refilled at RateLimitPerMinute. Requests without a
/// verified key are not limited here: they never reach a service and cost one hash to refuse.
/// </summary>
internal static class GatewayRateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetGatewayIdentity() is { } identity
                    ? RateLimitPartition.GetTokenBucketLimiter(identity.LimiterKey, _ => BucketFor(identity))
                    : RateLimitPartition.GetNoLimiter("unauthenticated"));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });

    /// <summary>Refill about once a second (or one token at a time for small limits) so Retry-After stays short and honest.</summary>
    private static TokenBucketRateLimiterOptions BucketFor(GatewayIdentity identity)
    {
        var tokensPerPeriod = Math.Max(1, identity.RateLimitPerMinute / 60);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = identity.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerPeriod / identity.RateLimitPerMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var identity = context.GetGatewayIdentity();
        var who = identity?.Caller.Kind == ServiceDefaults.Http.CallerKinds.Channel ? "API key" : "Caller";
        await GatewayProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"{who} '{identity?.Caller.Id}' exceeded {identity?.RateLimitPerMinute} requests per minute; retry after {seconds} s.");
    }
}
