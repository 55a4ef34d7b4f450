namespace HelpDesk.Intake.Domain;

/// <summary>Sizes the API validates and the database columns hold.</summary>
public static class TicketLimits
{
    public const int SubjectMaxLength = 200;
    public const int DescriptionMaxLength = 20_000;
    public const int CommentMaxLength = 20_000;
    public const int TagMaxLength = 50;
    public const int IdempotencyKeyMaxLength = 200;
    public const int RatingCommentMaxLength = 2000;
    public const int AttachmentNameMaxLength = 255;
    public const int UrlMaxLength = 2048;
}
