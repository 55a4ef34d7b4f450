using System.Net;
using System.Text.RegularExpressions;

namespace HelpDesk.Testing.Web;

/// <summary>
/// A person signed in to the web app over plain HTTP, as a browser does it: the web app sends them to the identity
/// service's sign-in form, the form posts back, the authorization response is form-posted to the web app, and the
/// session cookie is kept. Then pages are fetched with that cookie.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _http;

    private WebSession(HttpClient http) => _http = http;

    public HttpClient Http => _http;

    public static async Task<WebSession> SignInAsync(Uri gateway, string user, string password, int connections, CancellationToken cancellationToken)
    {
        var handler = new BrowserLikeHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = connections });
        var http = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        var login = await http.GetAsync("/", cancellationToken);
        var html = await login.Content.ReadAsStringAsync(cancellationToken);
        if (!login.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected the sign-in form, got {login.RequestMessage.RequestUri}");
        }
        var form = OidcFlow.HiddenFields(html);
        form["UserName"] = user;
        form["Password"] = password;
        var posted = await http.PostAsync(login.RequestMessage.RequestUri, new FormUrlEncodedContent(form), cancellationToken);
        var callback = await posted.Content.ReadAsStringAsync(cancellationToken);
        // The authorization response comes back as a self-posting form (response_mode=form_post).
        var action = FormAction().Match(callback);
        if (!action.Success)
        {
            throw new InvalidOperationException($"Sign-in of {user} did not return the callback form ({(int)posted.StatusCode} {posted.RequestMessage?.RequestUri})");
        }
        // OpenIddict writes its fields as <input type="hidden" name="…" value="… " />: read any input's name and value.
        var fields = Inputs().Matches(callback).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var home = await http.PostAsync(WebUtility.HtmlDecode(action.Groups[1].Value), new FormUrlEncodedContent(fields), cancellationToken);
        if (home.StatusCode != HttpStatusCode.OK || home.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/account", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in of {user} ended at {(int)home.StatusCode} {home.RequestMessage?.RequestUri}");
        }
        return new WebSession(http);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Inputs();
}
