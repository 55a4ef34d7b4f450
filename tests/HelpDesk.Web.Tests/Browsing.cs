using Microsoft.Playwright;

namespace HelpDesk.Web.Tests;

/// <summary>What people do in the browser, in their words: sign in at the identity service, wait for a text.</summary>
internal static class Browsing
{
    /// <summary>Opens <paramref name="path"/>; the web app sends the browser to the identity service's sign-in form and back.</summary>
    public static async Task SignInAsync(this IPage page, PlatformFixture platform, string user, string path = "/")
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal));
        await page.GetByLabel("User name or e-mail").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(platform.People[user]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path.Split('?')[0]);
    }

    /// <summary>Reloads until <paramref name="locator"/>'s text passes <paramref name="accept"/> (routing and SLA work asynchronously).</summary>
    public static async Task<string> ReloadUntilAsync(this IPage page, ILocator locator, Func<string, bool> accept, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            seen = await locator.CountAsync() > 0 ? await locator.First.InnerTextAsync() : "";
            if (accept(seen))
            {
                return seen;
            }
            await Task.Delay(500);
            await ReloadAsync(page);
        }
        throw new TimeoutException($"Waited for {what} on {page.Url}; last seen: '{seen}'");
    }

    /// <summary>
    /// Reloads the page; a reload that meets the page's frame detached (Chromium: "Not attached to an active page", seen
    /// once in CI while a Blazor page was between documents) or aborted by another navigation ("net::ERR_ABORTED", seen
    /// once in CI: an open ticket reloads itself when its version changes, site.js) is tried again by the caller's next
    /// round instead of failing it.
    /// </summary>
    private static async Task ReloadAsync(IPage page)
    {
        try
        {
            await page.ReloadAsync();
        }
        catch (PlaywrightException interrupted) when (interrupted.Message.Contains("Not attached to an active page", StringComparison.Ordinal)
            || interrupted.Message.Contains("net::ERR_ABORTED", StringComparison.Ordinal))
        {
            await Task.Delay(500);
        }
    }
}
