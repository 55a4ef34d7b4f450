using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Api;

/// <summary>What a portal shows before submission, in one language: the item, its questions, and the KB articles to try first (deflection).</summary>
public sealed record CatalogFormView(string Key, int Version, string Language, string Name, string Description, IReadOnlyList<CatalogFormFieldView> Fields, IReadOnlyList<string> KbArticles, bool PreApproved)
{
    public static CatalogFormView From(CatalogItemVersion v, string language)
    {
        var d = v.Definition;
        return new(v.Key, v.Version, language, d.Name.In(language), d.Description.In(language),
            d.Form.Fields.Select(f => new CatalogFormFieldView(f.Key, f.Type, f.Label.In(language), f.Required, f.MinLength, f.MaxLength, f.Minimum, f.Maximum,
                f.Pattern, f.Options?.Select(o => new CatalogFormOptionView(o.Value, o.Label.In(language))).ToList(), f.MaxItems, f.Help?.In(language))).ToList(),
            d.KbArticles, d.Approval.PreApproved);
    }
}
