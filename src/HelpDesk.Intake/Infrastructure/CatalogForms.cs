using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Validates a submission's answers against the current form of its catalogue item from Intake's replica (see
/// <see cref="CatalogFormRecord"/>) and returns the draft with the version and the normalised answers.
/// An item Intake has never heard of keeps the old behaviour (routing matches it or its keywords) unless answers
/// were given, which cannot be checked and are refused.
/// </summary>
public sealed class CatalogForms(IntakeDbContext db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<TicketDraft> ApplyAsync(TicketDraft draft, IReadOnlyDictionary<string, JsonElement>? answers, Validation validation, CancellationToken cancellationToken)
    {
        var hasAnswers = answers is { Count: > 0 };
        if (draft.CatalogItem is null)
        {
            validation.When(hasAnswers, "answers", AnswerMessages.Get("noItem", draft.Language));
            return draft;
        }
        var form = await db.CatalogForms.AsNoTracking().Where(f => f.Key == draft.CatalogItem)
            .OrderByDescending(f => f.Version).FirstOrDefaultAsync(cancellationToken);
        if (form is null)
        {
            validation.When(hasAnswers, "catalogItem", AnswerMessages.Get("unknownItem", draft.Language, draft.CatalogItem));
            return draft;
        }
        if (form.Retired)
        {
            validation.Add("catalogItem", AnswerMessages.Get("retired", draft.Language, draft.CatalogItem));
            return draft;
        }
        var definition = JsonSerializer.Deserialize<CatalogForm>(form.FormJson, Json)!;
        var clean = CatalogAnswerValidation.Validate(definition, answers, draft.Language, validation);
        return draft with { CatalogItemVersion = form.Version, Answers = clean };
    }
}
