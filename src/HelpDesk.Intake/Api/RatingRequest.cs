using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary>The requester's satisfaction: a score from 1 to 5 and an optional comment.</summary>
public sealed record RatingRequest([ApiExample("5")] int? Score, [ApiExample("\"Fixed within the hour, thank you.\"")] string? Comment = null)
{
    public Validation Validate() => new Validation()
        .When(Score is not (>= 1 and <= 5), "score", "The score must be a whole number from 1 to 5.")
        .MaxLength(Comment, "comment", TicketLimits.RatingCommentMaxLength, $"The comment must be at most {TicketLimits.RatingCommentMaxLength} characters.");
}
