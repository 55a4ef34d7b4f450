using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace HelpDesk.Web.Gateway;

/// <summary>Every call to the gateway carries the signed-in person's access token; without a session it carries nothing (and gets 401).</summary>
public sealed class UserTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && await context.GetTokenAsync("access_token") is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
