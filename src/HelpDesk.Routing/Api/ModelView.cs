using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Routing.Api;

public sealed record ModelView(bool Trained, double ConfidenceThreshold, ClassifierInfo? Model);
