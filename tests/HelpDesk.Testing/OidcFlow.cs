using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace HelpDesk.Testing;

/// <summary>Tokens from a token endpoint answer.</summary>
public sealed record TokenSet(string AccessToken, string? IdToken, string? RefreshToken, int ExpiresIn);

/// <summary>
/// Drives the identity service's OpenID Connect flows over real HTTP, the way a browser and a client app would:
/// authorization code with PKCE through the sign-in form, client credentials, refresh.
/// </summary>
public static partial class OidcFlow
{
    /// <summary>The sign-in page, the code redirect and the token exchange, following redirects by hand.</summary>
    public static async Task<TokenSet> SignInWithCodeAsync(
        Uri issuer, string clientId, Uri redirectUri, string userName, string password, string scope = "openid profile email roles offline_access")
    {
        var (code, verifier) = await AuthorizeAsync(issuer, clientId, redirectUri, userName, password, scope);
        using var http = new HttpClient { BaseAddress = issuer };
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri.ToString(),
        }));
        return await ReadTokensAsync(response);
    }

    /// <summary>Returns the code and the PKCE verifier it was bound to.</summary>
    public static async Task<(string Code, string Verifier)> AuthorizeAsync(
        Uri issuer, string clientId, Uri redirectUri, string userName, string password, string scope)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = issuer };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var authorize = $"/connect/authorize?response_type=code&client_id={Uri.EscapeDataString(clientId)}" +
            $"&redirect_uri={Uri.EscapeDataString(redirectUri.ToString())}&scope={Uri.EscapeDataString(scope)}" +
            $"&state={state}&code_challenge={challenge}&code_challenge_method=S256";

        var toLogin = await browser.GetAsync(authorize);
        Expect(toLogin, HttpStatusCode.Redirect);
        var loginPage = await browser.GetAsync(toLogin.Headers.Location);
        var html = await loginPage.Content.ReadAsStringAsync();
        var form = HiddenFields(html);
        form["UserName"] = userName;
        form["Password"] = password;
        var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new SignInRefusedException(signedIn.StatusCode, await signedIn.Content.ReadAsStringAsync());
        }
        var back = await browser.GetAsync(signedIn.Headers.Location);
        Expect(back, HttpStatusCode.Redirect);
        var location = back.Headers.Location!;
        Assert.StartsWith(redirectUri.ToString(), location.ToString(), StringComparison.Ordinal);
        var query = ParseQuery(location.Query);
        Assert.Equal(state, query.GetValueOrDefault("state"));
        return (query.GetValueOrDefault("code") ?? throw new InvalidOperationException($"No code in {location}"), verifier);
    }

    public static async Task<TokenSet> ClientCredentialsAsync(Uri issuer, string clientId, string secret, string scope)
    {
        using var http = new HttpClient { BaseAddress = issuer };
        var response = await RequestClientCredentialsAsync(http, clientId, secret, scope);
        return await ReadTokensAsync(response);
    }

    public static Task<HttpResponseMessage> RequestClientCredentialsAsync(HttpClient http, string clientId, string secret, string scope) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }));

    public static Task<HttpResponseMessage> RequestRefreshAsync(HttpClient http, string clientId, string refreshToken) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["refresh_token"] = refreshToken,
        }));

    public static async Task<TokenSet> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Token endpoint answered {(int)response.StatusCode}: {body}");
        }
        var json = JsonSerializer.Deserialize<JsonElement>(body);
        string? Get(string name) => json.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new TokenSet(Get("access_token")!, Get("id_token"), Get("refresh_token"), json.GetProperty("expires_in").GetInt32());
    }

    /// <summary>The payload of a JWT (no verification: for asserting what a token says).</summary>
    public static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1];
        return JsonSerializer.Deserialize<JsonElement>(Base64UrlDecode(part));
    }

    public static JsonElement Header(string jwt) => JsonSerializer.Deserialize<JsonElement>(Base64UrlDecode(jwt.Split('.')[0]));

    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match match in HiddenInput().Matches(html))
        {
            fields[WebUtility.HtmlDecode(match.Groups["name"].Value)] = WebUtility.HtmlDecode(match.Groups["value"].Value);
        }
        return fields;
    }

    private static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"Expected {(int)status} from {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}

/// <summary>The sign-in form answered with something other than a redirect (wrong password, locked account).</summary>
public sealed class SignInRefusedException(HttpStatusCode status, string body) : Exception($"Sign-in refused with {(int)status}: {body[..Math.Min(body.Length, 3000)]}")
{
    public HttpStatusCode Status { get; } = status;

    public string Body { get; } = body;
}
