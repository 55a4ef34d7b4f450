using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing;

/// <summary>Registers the catalogue's approval engine, fulfilment and their background workers (part of <see cref="RoutingExtensions.AddRouting"/>).</summary>
public static class ApprovalExtensions
{
    public static IHostApplicationBuilder AddApprovals(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApprovalOptions>()
            .BindConfiguration(ApprovalOptions.Section)
            .Validate(o => o.ScanInterval > TimeSpan.Zero, "Routing:Approvals:ScanInterval must be positive.")
            .Validate(o => o.LinkLifetime > TimeSpan.Zero, "Routing:Approvals:LinkLifetime must be positive.")
            .Validate(o => o.AutomationMaxAttempts >= 1, "Routing:Approvals:AutomationMaxAttempts must be at least 1.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Routing:Approvals:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApproverDirectory>();
        builder.Services.AddSingleton<ApprovalLinkSigner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApprovalLinkSigner>());
        builder.Services.AddSingleton<FulfilmentService>();
        builder.Services.AddSingleton<ApprovalEngine>();
        builder.Services.AddSingleton<CatalogRequests>();
        builder.Services.AddSingleton<ApprovalTimeoutScanner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApprovalTimeoutScanner>());
        builder.Services.AddSingleton<FulfilmentAutomationWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FulfilmentAutomationWorker>());
        return builder;
    }
}
