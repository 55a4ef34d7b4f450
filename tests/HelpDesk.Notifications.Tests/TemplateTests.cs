using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Templates;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Notifications.Tests;

public sealed class TemplateTests
{
    private static TemplateModel SampleModel(NotificationEventType type, string language) => new(
        DeliveryPlanner.TicketModel(new TicketProjection { TicketId = Guid.NewGuid(), TicketNumber = "HD-000123", Subject = "VPN <drops>", Language = language }),
        TemplateRenderer.ToDictionary(type.Sample, DeliveryPlanner.JsonOptions),
        new Dictionary<string, object> { ["email"] = "ada@example.com", ["name"] = "Ada & Co" },
        language);

    public static TheoryData<string, string> AllDefaults()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in NotificationEventTypes.All)
        {
            foreach (var language in DefaultTemplates.Languages)
            {
                data.Add(type.Name, language);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllDefaults))]
    public void Every_built_in_template_parses_and_renders_with_the_ticket_number_in_the_subject(string eventType, string language)
    {
        var set = DefaultTemplates.Find(eventType, language)!;
        Assert.Empty(TemplateRenderer.Validate(set, new Validation()).Errors);

        var rendered = new TemplateRenderer().Render(set, SampleModel(NotificationEventTypes.Find(eventType)!, language), "HD-000123");

        Assert.Contains("[HD-000123]", rendered.Subject, StringComparison.Ordinal);
        Assert.Contains("HD-000123", rendered.Text, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_part_escapes_values_while_the_text_part_keeps_them_verbatim()
    {
        var type = NotificationEventTypes.Find(NotificationEventTypes.TicketCommented)!;
        var model = SampleModel(type, "en");
        model.Event["body"] = "<script>alert('x')</script> & more";

        var rendered = new TemplateRenderer().Render(DefaultTemplates.Find(type.Name, "en")!, model, "HD-000123");

        Assert.Contains("<script>alert('x')</script> & more", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Ada &amp; Co", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_subject_without_the_number_still_gets_it_for_reply_threading()
    {
        var rendered = new TemplateRenderer().Render(new TemplateSet("Hello {{ ticket.subject }}", "x"),
            SampleModel(NotificationEventTypes.All[0], "en"), "HD-000123");

        Assert.Equal("[HD-000123] Hello VPN <drops>", rendered.Subject);
    }

    [Fact]
    public void Invalid_liquid_is_reported_per_part()
    {
        var errors = TemplateRenderer.Validate(new TemplateSet("ok {{ ticket.number }}", "{% if ticket.number %}never closed", "<p>{{ oops </p>"), new Validation()).Errors;

        Assert.Equal(["text", "html"], errors.Keys.Order(StringComparer.Ordinal).Reverse().ToArray());
        Assert.StartsWith("Liquid parse error", errors["text"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-CH", "fr")]
    [InlineData("IT", "it")]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    public void Languages_are_reduced_to_their_primary_tag(string? given, string expected) =>
        Assert.Equal(expected, TemplateCatalog.NormalizeLanguage(given));
}
