namespace HelpDesk.Intake.Api;

/// <summary>
/// What a person's identity says about the requester of a ticket they submit: who they are (never the body, for a
/// requester) and who their manager is (Routing's <c>RequesterManager</c> approval stages ask that person).
/// </summary>
public static class RequesterIdentity
{
    /// <summary>
    /// True when the requester is the signed-in person: always for a requester, and for any other person (an agent
    /// logging their own problem) who names no requester.
    /// </summary>
    public static bool RaisesForThemselves(Caller caller, SubmitTicketRequest request) =>
        TicketAccess.IsRequesterOnly(caller)
        || caller.IsPerson && request.Requester is null && string.IsNullOrWhiteSpace(request.RequesterEmail);

    /// <summary>
    /// The requester's manager from the person's token — their e-mail when the issuer gives it (approval mail reaches
    /// them), else their user id — only when the requester is that person: an agent filing for someone else does not
    /// pass on their own manager.
    /// </summary>
    public static string? ManagerOf(Caller caller, Requester requester) =>
        caller.IsPerson && caller.Email is { Length: > 0 } email && string.Equals(requester.Email, email, StringComparison.OrdinalIgnoreCase)
            ? caller.ManagerEmail ?? caller.Manager
            : null;
}
