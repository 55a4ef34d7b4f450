using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Gateway.Tests;

/// <summary>
/// A real upstream service on a free loopback port that answers with what it received (method, path, headers,
/// body size), so tests see exactly what the gateway forwarded.
/// </summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly StrongBox<int> _requests;

    private EchoUpstream(WebApplication app, StrongBox<int> requests)
    {
        App = app;
        Url = app.Urls.First();
        _requests = requests;
    }

    public WebApplication App { get; }

    public string Url { get; }

    /// <summary>How many requests reached the upstream (to prove refused requests never did).</summary>
    public int Requests => Volatile.Read(ref _requests.Value);

    public static async Task<EchoUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // The gateway enforces body limits; the echo takes whatever it forwards (the training route streams > 64 MiB).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var requests = new StrongBox<int>();
        app.MapGet("/openapi/{document}.json", () => Results.Text("""{"openapi":"3.1.1","info":{"title":"Echo service","version":"v1"},"paths":{}}""", "application/json"));
        app.MapFallback(async context =>
        {
            Interlocked.Increment(ref requests.Value);
            long bodyLength = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                bodyLength += read;
            }
            var echo = new EchoedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase)!,
                bodyLength);
            context.Response.StatusCode = HttpMethods.IsPost(context.Request.Method) ? StatusCodes.Status201Created : StatusCodes.Status200OK;
            await context.Response.WriteAsJsonAsync(echo);
        });
        await app.StartAsync();
        return new EchoUpstream(app, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

public sealed record EchoedRequest(string Method, string Path, Dictionary<string, string?[]> Headers, long BodyLength)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    public bool HasHeader(string name) => Headers.ContainsKey(name);

    /// <summary>A claim of the identity the gateway forwarded (its signed token, verified here with the test key).</summary>
    public string? Forwarded(string claim)
    {
        var authorization = Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }
        var token = authorization[7..];
        var result = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            ValidIssuer = HelpDesk.ServiceDefaults.Http.ServiceTokens.Issuer,
            ValidAudience = HelpDesk.ServiceDefaults.Http.ServiceTokens.Audience,
            IssuerSigningKey = HelpDesk.ServiceDefaults.Http.ServiceTokens.LoadKey(HelpDesk.Testing.TestCallers.VerificationKeyPem),
        }).GetAwaiter().GetResult();
        Assert.True(result.IsValid, result.Exception?.Message);
        var values = HelpDesk.Testing.OidcFlow.Payload(token);
        if (!values.TryGetProperty(claim, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Array ? string.Join(" ", value.EnumerateArray().Select(v => v.GetString())) : value.GetString();
    }
}
