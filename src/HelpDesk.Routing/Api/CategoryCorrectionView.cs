using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

public sealed record CategoryCorrectionView(Guid TicketId, string Language, string PreviousCategory, string Category, string CorrectedBy, DateTimeOffset CorrectedAt);
