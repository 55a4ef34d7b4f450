using System.Net;
using System.Security.Cryptography;
using System.Text;
using HelpDesk.Testing;

namespace HelpDesk.Identity.Tests;

/// <summary>
/// The web app's client comes from one setting (Identity:WebClientSecret), the same in local runs and on Kubernetes:
/// the identity service registers it with the issuer's own callbacks as the only redirect URIs, and the app's own
/// token carries only the read scopes it is registered for.
/// </summary>
public sealed class WebAppClientTests
{
    private const string Secret = "web-client-secret-0123456789abcdef";
    private static readonly Uri Issuer = new("https://helpdesk.example.org/");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_web_client_is_registered_from_its_secret_and_redirects_only_to_the_issuers_callback()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service, new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = Issuer.ToString(),
            ["Identity:WebClientSecret"] = Secret,
        });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        var own = await http.GetAsync(Authorize(new Uri(Issuer, "signin-oidc")), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Contains("/account/login", own.Headers.Location!.ToString(), StringComparison.Ordinal);

        var elsewhere = await http.GetAsync(Authorize(new Uri("https://attacker.example/signin-oidc")), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("redirect_uri", await elsewhere.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var app = await OidcFlow.RequestClientCredentialsAsync(host.Client, WebAppClient.ClientId, Secret, "routing:read sla:read kb:read");
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        var wider = await OidcFlow.RequestClientCredentialsAsync(host.Client, WebAppClient.ClientId, Secret, "tickets:write");
        Assert.Equal(HttpStatusCode.BadRequest, wider.StatusCode);
        var wrong = await OidcFlow.RequestClientCredentialsAsync(host.Client, WebAppClient.ClientId, "not-the-secret", "routing:read");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Without_the_secret_there_is_no_web_client()
    {
        await using var host = await ServiceTestHost.StartAsync(IdentityUnderTest.Service, new Dictionary<string, string?> { ["Identity:Issuer"] = Issuer.ToString() });
        var app = await OidcFlow.RequestClientCredentialsAsync(host.Client, WebAppClient.ClientId, Secret, "routing:read");
        Assert.Equal(HttpStatusCode.Unauthorized, app.StatusCode);
    }

    private static string Authorize(Uri redirect)
    {
        var challenge = OidcFlow.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(OidcFlow.Base64Url(RandomNumberGenerator.GetBytes(32)))));
        return $"/connect/authorize?response_type=code&client_id={WebAppClient.ClientId}&redirect_uri={Uri.EscapeDataString(redirect.ToString())}" +
            $"&scope=openid%20profile&state=s&code_challenge={challenge}&code_challenge_method=S256";
    }
}
