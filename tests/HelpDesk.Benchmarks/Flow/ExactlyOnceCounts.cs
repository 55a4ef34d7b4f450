using System.Data.Common;

namespace HelpDesk.Benchmarks.Flow;

/// <summary>
/// What the run left in the services' databases, counted row by row after the drain (the platform is fresh, so every
/// row is this run's): each effect once per ticket. A duplicate here got past the code; counts do not rely on a unique
/// index having refused one (the delivery index would, so its count checks the code path, not the guarantee). Mails
/// are at-least-once by design: a second successful send of one delivery is counted, not an error.
/// </summary>
public sealed record ExactlyOnceCounts(
    long TicketsStored,
    long TicketsRouted,
    int SubmittedTwice,
    int RoutedTwice,
    long TicketsWithClock,
    long ClocksTwice,
    long TicketsNotified,
    long DeliveriesTwice,
    long SentTwice,
    long MajorIncidents,
    long TicketsInMajorIncidents)
{
    public bool Exact => SubmittedTwice == 0 && RoutedTwice == 0 && ClocksTwice == 0 && DeliveriesTwice == 0;

    public static async Task<ExactlyOnceCounts> ReadAsync(Func<string, string> connectionOf, bool postgres, EffectLedger ledger, CancellationToken cancellationToken)
    {
        async Task<long> Scalar(string database, string sql)
        {
            await using var db = EffectLedger.Open(connectionOf(database), postgres);
            await db.OpenAsync(cancellationToken);
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ExactlyOnceCounts(
            await Scalar("intakedb", "SELECT COUNT(*) FROM tickets"),
            await Scalar("intakedb", """SELECT COUNT(*) FROM tickets WHERE "Queue" IS NOT NULL"""),
            ledger.SubmittedRowsPerTicket.Count(c => c > 1),
            ledger.RoutedRowsPerTicket.Count(c => c > 1),
            await Scalar("sladb", """SELECT COUNT(DISTINCT "TicketId") FROM sla_clocks"""),
            await Scalar("sladb", """SELECT COUNT(*) FROM (SELECT 1 FROM sla_clocks GROUP BY "TicketId", "Metric" HAVING COUNT(*) > 1) d"""),
            await Scalar("notificationsdb", """SELECT COUNT(DISTINCT "TicketId") FROM notifications_deliveries WHERE "EventType" = 'ticket.submitted'"""),
            await Scalar("notificationsdb", """SELECT COUNT(*) FROM (SELECT 1 FROM notifications_deliveries GROUP BY "EventMessageId", "Recipient", "Channel" HAVING COUNT(*) > 1) d"""),
            await Scalar("notificationsdb", """SELECT COUNT(*) FROM (SELECT 1 FROM notifications_delivery_attempts WHERE "Outcome" = 'Succeeded' GROUP BY "DeliveryId" HAVING COUNT(*) > 1) d"""),
            await Scalar("intakedb", "SELECT COUNT(*) FROM major_incidents"),
            await Scalar("intakedb", """SELECT COUNT(*) FROM tickets WHERE "MajorIncidentId" IS NOT NULL"""));
    }

    public void Print(int accepted)
    {
        Console.WriteLine();
        Console.WriteLine($"exactly once         {(Exact ? "yes" : "NO")}: {accepted} accepted, {TicketsStored} stored, {TicketsRouted} routed on the ticket, " +
                          $"{TicketsWithClock} with SLA clocks, {TicketsNotified} with the submission notification planned");
        Console.WriteLine($"  tickets with two or more TicketSubmitted {SubmittedTwice}, TicketRouted {RoutedTwice}; (ticket, metric) with two SLA clocks {ClocksTwice}; " +
                          $"(event, recipient, channel) with two deliveries {DeliveriesTwice}; deliveries sent twice (at-least-once, allowed) {SentTwice}");
        Console.WriteLine($"major incidents      {MajorIncidents} raised, {TicketsInMajorIncidents} tickets linked" +
                          (TicketsInMajorIncidents > TicketsStored / 2 ? " — a storm run" : ""));
    }
}
