using System.Globalization;
using Microsoft.Playwright;

namespace HelpDesk.Benchmarks.Web;

/// <summary>
/// First contentful paint of a page as a person's browser sees it: Debian's chromium (headless, driven by Playwright)
/// signs in through the identity service like a person, then loads the page --paints times in a fresh tab each and
/// reads the browser's own paint timing (<c>performance.getEntriesByName('first-contentful-paint')</c>), which counts
/// from navigation start: the server's time, the transfer and the rendering. No browser on the machine: not measured.
/// </summary>
internal static class FirstPaint
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<IBrowser?> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.WriteLine($"first paint     not measured: no chromium at {ChromiumPath} (scripts/install-test-deps.sh installs it)");
            return null;
        }
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            Headless = true,
        });
    }

    /// <summary>Signs <paramref name="user"/> in, then loads each path once per round (after one discarded warm-up load) and reports FCP percentiles.</summary>
    public static async Task MeasureAsync(IBrowser browser, Uri gateway, string name, string user, string password, Func<int, string> path, int rounds)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = gateway.ToString() });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/");
        await signIn.GetByLabel("User name or e-mail").FillAsync(user);
        await signIn.GetByLabel("Password").FillAsync(password);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await signIn.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await signIn.CloseAsync();

        var paints = new List<double>(rounds);
        for (var i = -1; i < rounds; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path(Math.Max(i, 0)), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            // The entry exists once the browser has painted; the load event usually comes later, but not always.
            var fcp = await page.EvaluateAsync<double>("""
                () => new Promise(resolve => {
                  const seen = performance.getEntriesByName('first-contentful-paint');
                  if (seen.length) { resolve(seen[0].startTime); return; }
                  new PerformanceObserver(list => resolve(list.getEntriesByName('first-contentful-paint')[0].startTime))
                    .observe({ type: 'paint', buffered: true });
                })
                """);
            if (new Uri(page.Url).AbsolutePath.StartsWith("/account", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{user} was sent to the sign-in page from {path(Math.Max(i, 0))}");
            }
            if (i >= 0)
            {
                paints.Add(fcp);
            }
            await page.CloseAsync();
        }
        var sorted = paints.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-27} first contentful paint over {sorted.Length} loads: ms p50 {Percentile(sorted, 0.50):F0}  p95 {Percentile(sorted, 0.95):F0}  max {sorted[^1]:F0}"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
