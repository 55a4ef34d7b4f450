using HelpDesk.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Tests;

/// <summary>Every Liquid rendering is bounded: steps, output size, strings built by filters, time; the parsed-template cache in entries.</summary>
public sealed class TemplateLimitsTests
{
    private static readonly TemplateModel Model = new(
        new Dictionary<string, object> { ["number"] = "HD-000001", ["subject"] = "VPN" },
        new Dictionary<string, object>(),
        new Dictionary<string, object> { ["email"] = "ada@example.org" },
        "en");

    private static TemplateRenderer Renderer(Action<TemplateLimits>? configure = null)
    {
        var limits = new TemplateLimits();
        configure?.Invoke(limits);
        return new TemplateRenderer(Options.Create(limits));
    }

    [Fact]
    public void An_ordinary_template_renders()
    {
        using var renderer = Renderer();
        var rendered = renderer.Render(new TemplateSet("{{ ticket.subject }}", "Hello {{ recipient.email }}", null), Model, "HD-000001");
        Assert.Equal("[HD-000001] VPN", rendered.Subject);
        Assert.Equal("Hello ada@example.org", rendered.Text);
    }

    [Theory]
    [InlineData("{% for i in (1..1000000) %}{% endfor %}done")]                            // steps without output
    [InlineData("{% for i in (1..100000) %}{{ i }}{% endfor %}")]                         // output
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}")] // a string doubling in memory
    public void Runaway_templates_are_stopped_with_a_limit_error(string text)
    {
        using var renderer = Renderer(l => { l.MaxSteps = 10_000; l.MaxOutputChars = 50_000; });
        var error = Assert.Throws<TemplateLimitException>(() => renderer.Render(new TemplateSet("s", text, null), Model, "HD-000001"));
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void A_slow_rendering_is_stopped_by_the_timeout()
    {
        using var renderer = Renderer(l => { l.RenderTimeout = TimeSpan.FromMilliseconds(1); l.MaxSteps = int.MaxValue; l.MaxOutputChars = int.MaxValue; });
        Assert.Throws<TemplateLimitException>(() => renderer.Render(
            new TemplateSet("s", "{% for i in (1..3000000) %}{{ i }}{% endfor %}", null), Model, "HD-000001"));
    }

    [Fact]
    public void The_template_cache_stays_within_its_bound()
    {
        using var renderer = Renderer(l => l.MaxCachedTemplates = 20);
        for (var i = 0; i < 200; i++)
        {
            renderer.Render(new TemplateSet($"subject {i}", $"text {i}", null), Model, "HD-000001");
        }
        Assert.InRange(renderer.CachedTemplates, 1, 20);
    }
}
