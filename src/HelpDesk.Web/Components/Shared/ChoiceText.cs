using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Components.Shared;

/// <summary>
/// Portal choices are configured in one language; a translation in the resources (Choice_&lt;key&gt;) wins, so the
/// shipped choices read in French and Italian too, and a desk's own choices show as configured.
/// </summary>
public static class ChoiceText
{
    public static string Label(IStringLocalizer localizer, PortalChoice choice)
    {
        var translated = localizer["Choice_" + choice.Key];
        return translated.ResourceNotFound ? choice.Label : translated.Value;
    }

    public static string? Description(IStringLocalizer localizer, PortalChoice choice)
    {
        var translated = localizer["ChoiceHelp_" + choice.Key];
        return translated.ResourceNotFound ? choice.Description : translated.Value;
    }
}
