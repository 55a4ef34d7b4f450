using System.Net.Http.Headers;
using HelpDesk.Web.Security;

namespace HelpDesk.Web.Gateway;

/// <summary>Calls made as the web app itself carry its own token (see <see cref="AppToken"/>).</summary>
public sealed class AppTokenHandler(AppToken token) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await token.GetAsync(cancellationToken) is { } value)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
