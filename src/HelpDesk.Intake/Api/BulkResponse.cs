namespace HelpDesk.Intake.Api;

public sealed record BulkResponse(int Applied, int Failed, int NotFound, IReadOnlyList<BulkItemResult> Results);
