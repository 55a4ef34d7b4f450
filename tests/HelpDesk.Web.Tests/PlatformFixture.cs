using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(HelpDesk.Web.Tests.PlatformFixture))]

namespace HelpDesk.Web.Tests;

/// <summary>
/// The platform as users start it (`dotnet run --project HelpDesk.AppHost`: embedded services, the web app, the
/// identity service with its printed demo people) and Debian's chromium driven by Playwright. One per test run.
/// </summary>
public sealed partial class PlatformFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempDirectory _data = new("helpdesk-web");
    private readonly SemaphoreSlim _portalChoices = new(1, 1);
    private ChildProcess? _apphost;
    private IPlaywright? _playwright;
    private string? _missing;

    public Uri Gateway { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The demo people the AppHost printed: user name → password.</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    /// <summary>Where each page's screenshot goes (under the test output).</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The API key the AppHost made for local runs: the tests' own set-up (KB articles) goes through it.</summary>
    public HttpClient Api { get; private set; } = null!;

    public string AppHostOutput => _apphost?.Output ?? "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            _missing = $"Browser tests need Debian's chromium at {ChromiumPath} (scripts/install-test-deps.sh installs it).";
            return;
        }
        Directory.CreateDirectory(Screenshots);
        var port = InfrastructureRequirement.FreeLoopbackPort();
        // Without the demo data: these tests make their own tickets and articles (ReadmeTryItTests starts one with it).
        _apphost = ChildProcess.Start("HelpDesk.AppHost", ["--port", port.ToString(CultureInfo.InvariantCulture), "--data", _data.Path, "--no-dashboard", "--no-demo"]);
        await _apphost.WaitForLineAsync("Press Ctrl+C to stop.", TimeSpan.FromMinutes(10));
        Gateway = new Uri($"http://localhost:{port}/");
        People = ParsePeople(_apphost.Lines);
        var key = _apphost.Lines.Select(l => ApiKeyLine().Match(l)).First(m => m.Success).Groups[1].Value;
        Api = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", key);

        // Pages render on a shared, often loaded machine: assertions wait up to 30 s (they pass as soon as true).
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            Headless = true,
        });
    }

    /// <summary>Skips (or fails, where infrastructure is required) when chromium is not installed.</summary>
    public void RequireBrowser()
    {
        if (_missing is not null)
        {
            InfrastructureRequirement.SkipOrFail(_missing);
        }
    }

    /// <summary>A fresh browser profile (cookies, language) with a generous timeout: the machine is shared.</summary>
    public async Task<IPage> NewPageAsync(string? locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.ToString(),
            Locale = locale,
            TimezoneId = "Europe/Zurich",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>Creates and publishes a KB article through the gateway; returns its id.</summary>
    public async Task<Guid> PublishArticleAsync(string title, string body, string category, params string[] tags)
    {
        var created = await Api.PostAsJsonAsync("api/v1/kb/articles", new { title, body, language = "en", category, tags });
        created.EnsureSuccessStatusCode();
        var article = await created.Content.ReadFromJsonAsync<ArticleId>();
        var published = await Api.PostAsync($"api/v1/kb/articles/{article!.Id}/publish", null);
        published.EnsureSuccessStatusCode();
        // Publishing is acknowledged before the index has it (KbArticlePublished is indexed by every replica):
        // the pages under test search, so wait until the knowledge base finds it.
        await Eventually.TrueAsync(async () =>
        {
            var found = await Api.GetFromJsonAsync<JsonElement>("api/v1/kb/search?q=" + Uri.EscapeDataString(title));
            return found.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("articleId").GetGuid() == article.Id);
        }, what: $"article '{title}' to be searchable");
        return article.Id;
    }

    /// <summary>
    /// Puts a test's choice on the employee portal in place of the choices <paramref name="replaces"/> picks, keeping
    /// the others (other tests use them). Tests change the portal one at a time: the change reads, then writes the list.
    /// </summary>
    public async Task PutPortalChoiceAsync(Func<JsonElement, bool> replaces, object choice)
    {
        await _portalChoices.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            var current = await Api.GetFromJsonAsync<JsonElement>("api/v1/routing/portals/employee/choices", TestContext.Current.CancellationToken);
            var choices = current.GetProperty("choices").EnumerateArray().Where(c => !replaces(c))
                .Select(c => (object)new
                {
                    key = c.GetProperty("key"), label = c.GetProperty("label"), description = c.GetProperty("description"), type = c.GetProperty("type"),
                    category = c.GetProperty("category"), catalogItem = c.GetProperty("catalogItem"),
                })
                .Append(choice).ToList();
            var put = await Api.PutAsJsonAsync("api/v1/routing/portals/employee/choices", choices, TestContext.Current.CancellationToken);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            _portalChoices.Release();
        }
    }

    public async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        Api?.Dispose();
        if (_apphost is not null)
        {
            _apphost.Terminate();
            try
            {
                await _apphost.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException)
            {
                // DisposeAsync kills what did not stop.
            }
            await _apphost.DisposeAsync();
        }
        _data.Dispose();
        _portalChoices.Dispose();
    }

    /// <summary>The "people" block of the start banner: `name  roles  password` under the heading line.</summary>
    private static Dictionary<string, string> ParsePeople(IEnumerable<string> lines)
    {
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        var inBlock = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("people ", StringComparison.Ordinal))
            {
                inBlock = true;
                continue;
            }
            if (!inBlock)
            {
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || !line.StartsWith("     ", StringComparison.Ordinal))
            {
                break;
            }
            people[parts[0]] = parts[2];
        }
        if (people.Count == 0)
        {
            throw new InvalidOperationException("The AppHost printed no demo people:\n" + string.Join('\n', lines));
        }
        return people;
    }

    [GeneratedRegex(@"API key\s+(\S+)")]
    private static partial Regex ApiKeyLine();

    private sealed record ArticleId(Guid Id);
}
