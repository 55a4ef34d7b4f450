using HelpDesk.Messaging.Persistence;

namespace HelpDesk.Intake;

public static class IntakeExtensions
{
    public const string DatabaseName = "intakedb";

    public static IHostApplicationBuilder AddIntake(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApiDocument(HelpDesk.Intake.Api.IntakeApiDocument.Document);
        // Every request must carry the identity the gateway verified and signed; anything else is 401.
        builder.AddServiceAuthentication();
        builder.AddServiceDatabase<IntakeDbContext>(DatabaseName);
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section)
            .Validate(o => o.IdempotencyWindow > TimeSpan.Zero && o.ReopenWindow >= TimeSpan.Zero, "Intake:IdempotencyWindow must be positive and Intake:ReopenWindow not negative.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.NumberPrefix) && o.NumberPrefix.All(char.IsAsciiLetterUpper), "Intake:NumberPrefix must be upper-case ASCII letters.")
            .ValidateOnStart();
        builder.Services.AddOptions<MajorIncidentOptions>().BindConfiguration(MajorIncidentOptions.Section)
            .Validate(o => o.Threshold >= 2 && o.Window > TimeSpan.Zero && o.Similarity is > 0 and <= 1 && o.MaxCompared > 0,
                "Intake:MajorIncidents needs Threshold ≥ 2, a positive Window, Similarity in (0, 1] and a positive MaxCompared.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RecentTicketFingerprints>();
        builder.Services.AddSingleton<MajorIncidentDetector>();
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddOptions<SubmissionAdmissionOptions>().BindConfiguration(SubmissionAdmissionOptions.Section)
            .Validate(o => o.MaxConcurrent > 0 && o.MaxQueued >= 0 && o.MaxQueueWait > TimeSpan.Zero && o.RetryAfter > TimeSpan.Zero,
                "Intake:Admission needs a positive MaxConcurrent, MaxQueueWait and RetryAfter and a MaxQueued of at least 0.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SubmissionAdmission>();
        builder.Services.AddScoped<TicketSubmissions>();
        builder.Services.AddScoped<CatalogForms>();
        builder.Services.AddHostedService<CatalogSnapshotRequester>();
        builder.Services.AddScoped<EmailIngestion>();
        builder.Services.AddScoped<TicketReports>();
        builder.Services.AddHostedService<IdempotencyKeyPurger>();

        builder.Services.AddOptions<ImapOptions>().BindConfiguration(ImapOptions.Section)
            .Validate(o => !o.Enabled || (!string.IsNullOrWhiteSpace(o.Host) && o.Port is > 0 and < 65536), "Intake:Email:Imap needs Host and Port when enabled.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize > 0 && o.MaxPerSenderPerHour >= 0, "Intake:Email:Imap PollInterval, BatchSize must be positive.")
            .ValidateOnStart();
        if (builder.Configuration.GetValue<bool>($"{ImapOptions.Section}:Enabled"))
        {
            builder.Services.AddSingleton<ImapPoller>();
            builder.Services.AddHostedService(services => services.GetRequiredService<ImapPoller>());
        }

        builder.AddMessageConsumers(bus =>
        {
            bus.AddConsumer<RecordRoutingOnTicket>();
            bus.AddConsumer<RecordAssignmentOnTicket>();
            bus.AddConsumer<ReplicateCatalogForm>();
            bus.AddConsumer<ReplicateCatalogRetirement>();
            bus.AddConsumer<ResolveFulfilledRequest>();
            bus.AddConsumer<RecordApprovalOnTicket>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app)
    {
        app.MapTicketsApi();
        app.MapTicketOperationsApi();
        app.MapBulkApi();
        app.MapLinksApi();
        app.MapMacrosApi();
        app.MapProblemsApi();
        app.MapChangesApi();
        app.MapMajorIncidentsApi();
        app.MapReportsApi();
        return app;
    }
}
