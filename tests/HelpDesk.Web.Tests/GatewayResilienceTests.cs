using System.Collections.Concurrent;
using System.Net;
using HelpDesk.Web.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Web.Tests;

/// <summary>
/// The web app's calls through the gateway, against a real HTTP server standing in for the gateway's answers: one
/// person's 429 (their own rate limit) is answered once, not retried, and does not open the circuit breaker that every
/// person's calls share; a real failure (503) still is retried.
/// </summary>
public sealed class GatewayResilienceTests
{
    private static readonly string[] Methods = ["GET", "POST"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_persons_rate_limit_is_not_retried_and_does_not_fail_everybody_elses_calls()
    {
        var hits = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var gateway = builder.Build();
        gateway.Use((HttpContext context, RequestDelegate next) =>
        {
            hits.AddOrUpdate(context.Request.Path.Value!, 1, (_, n) => n + 1);
            return next(context);
        });
        gateway.MapGet("/limited", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        });
        gateway.MapMethods("/down", Methods, () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        gateway.MapGet("/ok", () => Results.Ok());
        await gateway.StartAsync(Ct);
        var address = new Uri(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var services = new ServiceCollection();
        services.AddHttpClient("gateway", http => http.BaseAddress = address)
            .AddStandardResilienceHandler(options =>
            {
                GatewayResilience.Configure(options);
                options.Retry.Delay = TimeSpan.FromMilliseconds(10); // the test's only change: short back-off
            });
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("gateway");

        // Well past the breaker's minimum throughput (100) at a 100 % failure ratio, were 429 a failure.
        for (var i = 0; i < 150; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("/limited", Ct)).StatusCode);
        }
        Assert.Equal(150, hits["/limited"]);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ok", Ct)).StatusCode);

        // A gateway that is down is still retried (once plus three retries), and a POST is never repeated.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/down", Ct)).StatusCode);
        Assert.Equal(4, hits["/down"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.PostAsync("/down", null, Ct)).StatusCode);
        Assert.Equal(5, hits["/down"]);
    }
}
