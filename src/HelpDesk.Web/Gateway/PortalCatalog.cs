using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Gateway;

/// <summary>
/// The portal's choices from routing (read as the web app: they are configuration, and a requester's own token has no
/// routing scope), cached briefly: every portal page shows them and they rarely change.
/// </summary>
public sealed class PortalCatalog(AppGateway app, IMemoryCache cache, IOptions<WebOptions> options)
{
    public async Task<IReadOnlyList<PortalChoice>> ChoicesAsync(CancellationToken cancellationToken)
    {
        var portal = options.Value.Portal;
        if (cache.TryGetValue(("portal", portal), out IReadOnlyList<PortalChoice>? cached) && cached is not null)
        {
            return cached;
        }
        var result = await app.Api.GetAsync<PortalChoices>($"/api/v1/routing/portals/{Uri.EscapeDataString(portal)}/choices", cancellationToken);
        IReadOnlyList<PortalChoice> choices = result.Value?.Choices ?? [];
        if (result.IsSuccess)
        {
            cache.Set(("portal", portal), choices, options.Value.PortalCacheDuration);
        }
        return choices;
    }

    public async Task<PortalChoice?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await ChoicesAsync(cancellationToken)).FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}
