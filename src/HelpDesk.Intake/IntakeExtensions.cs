using HelpDesk.Intake.Tickets;
using HelpDesk.Messaging.Persistence;

namespace HelpDesk.Intake;

public static class IntakeExtensions
{
    public const string DatabaseName = "intakedb";

    public static IHostApplicationBuilder AddIntake(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntakeDbContext>(DatabaseName);
        builder.AddMessageConsumers(bus =>
        {
            bus.AddConsumer<RecordRoutingOnTicket>();
            bus.AddConsumer<RecordAssignmentOnTicket>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app)
    {
        app.MapTicketsApi();
        return app;
    }
}
