using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace HelpDesk.Testing.Web;

/// <summary>
/// Cookies and redirects the way a browser treats http://localhost: it keeps and sends cookies marked Secure (the OIDC
/// handler's correlation and nonce cookies are), which <see cref="CookieContainer"/> refuses over plain HTTP.
/// </summary>
public sealed class BrowserLikeHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxRedirects = 20;
    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            if (!_cookies.IsEmpty)
            {
                request.Headers.Remove("Cookie");
                request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await base.SendAsync(request, cancellationToken);
            Keep(response);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || hop == MaxRedirects)
            {
                return response;
            }
            var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            var keepsBody = (int)response.StatusCode is 307 or 308;
            response.Dispose();
            request = new HttpRequestMessage(keepsBody ? request.Method : HttpMethod.Get, target) { Content = keepsBody ? request.Content : null };
        }
    }

    private void Keep(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }
        foreach (var header in values)
        {
            var parts = header.Split(';', StringSplitOptions.TrimEntries);
            var pair = parts[0].Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }
            var expired = parts.Skip(1).Any(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(p[8..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires) && expires < DateTimeOffset.UtcNow);
            if (expired || pair[1].Length == 0)
            {
                _cookies.TryRemove(pair[0], out _);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }
    }
}
