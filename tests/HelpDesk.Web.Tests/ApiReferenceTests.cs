using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests;

/// <summary>
/// The gateway's API reference (/scalar) as a channel-app developer uses it: a person signs in from Scalar's OAuth2
/// panel (code + PKCE as the public client helpdesk-api-docs, which local runs register) and "tries" an operation.
/// </summary>
public sealed partial class ApiReferenceTests(PlatformFixture platform)
{
    private const string IdentityTitle = "HelpDesk Identity (directory) API";

    [Fact]
    public async Task A_person_signs_in_from_the_API_reference_and_tries_an_operation_as_themselves()
    {
        platform.RequireBrowser();
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/scalar/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = IdentityTitle })).ToBeVisibleAsync();

        // The API key is the preferred scheme: switch to OAuth2 alone, then to its authorization-code flow.
        await page.GetByText("Selected Auth Type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "OAuth2" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "ApiKey" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = IdentityTitle }).ClickAsync();
        await page.GetByText("authorizationCode", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByText("helpdesk-api-docs")).ToBeVisibleAsync();
        await platform.ScreenshotAsync(page, "api-reference-oauth");

        // Scalar opens the identity service's sign-in page in a pop-up and takes the code back from its redirect.
        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).First.ClickAsync());
        await popup.GetByLabel("User name or e-mail").FillAsync("ada");
        await popup.GetByLabel("Password").FillAsync(platform.People["ada"]);
        await popup.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("Clear tokens").First).ToBeVisibleAsync();

        // "Who am I" through the gateway with the token Scalar obtained: Ada's own directory entry.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = TestRequest() }).First.ClickAsync();
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { NameRegex = Send() }).First.ClickAsync(),
            r => r.Url.EndsWith("/api/v1/identity/me", StringComparison.Ordinal));
        await platform.ScreenshotAsync(page, "api-reference-try-it");
        Assert.StartsWith("Bearer ", await response.Request.HeaderValueAsync("authorization"), StringComparison.Ordinal);
        Assert.Equal(200, response.Status);
        var me = await response.JsonAsync();
        Assert.Equal("ada", me!.Value.GetProperty("userName").GetString());
        Assert.Contains("requester", me.Value.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [GeneratedRegex("Test Request")]
    private static partial Regex TestRequest();

    [GeneratedRegex("^Send")]
    private static partial Regex Send();
}
