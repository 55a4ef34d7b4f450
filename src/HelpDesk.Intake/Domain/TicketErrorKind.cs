namespace HelpDesk.Intake.Domain;

/// <summary>Why a ticket refused a change; every kind is answered 409 with the error's detail.</summary>
public enum TicketErrorKind
{
    TransitionNotAllowed,
    Closed,
    ReopenWindowPassed,
    AssigneeRequired,
    RequesterCommentMustBePublic,
    NotResolved,
    AlreadyRated,
    DecidedByApproval,
    NothingToChange,
    InvalidLink,
    NotAProblem,
    AnalysisIncomplete,
    TooManyTags,
    NotAChange,
    ChangePlanLocked,
    InvalidChangePlan,
    ChangePlanIncomplete,
}
