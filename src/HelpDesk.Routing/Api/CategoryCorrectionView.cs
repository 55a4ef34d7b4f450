namespace HelpDesk.Routing.Api;

public sealed record CategoryCorrectionView(Guid TicketId, string Language, string PreviousCategory, string Category, string CorrectedBy, DateTimeOffset CorrectedAt);
