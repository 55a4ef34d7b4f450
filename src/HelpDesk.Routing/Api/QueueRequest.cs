namespace HelpDesk.Routing.Api;

public sealed record QueueRequest(AssignmentStrategy? Strategy);
