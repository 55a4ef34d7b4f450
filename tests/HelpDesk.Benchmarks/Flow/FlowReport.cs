using HdrHistogram;

namespace HelpDesk.Benchmarks.Flow;

/// <summary>The figures of one open-loop run: rates, backlog, latency from the scheduled send time, and every hop.</summary>
public sealed class FlowReport(OpenLoopSender sender, EffectLedger ledger, double warmupTickets)
{
    private readonly List<(SentTicket Sent, TicketHops? Hops)> _measured =
        [.. sender.Accepted.Values.Where(s => s.Number >= warmupTickets).Select(s => (s, (TicketHops?)null))];

    public int AcceptedInWindow => _measured.Count;

    public bool AllProcessed => sender.Accepted.Keys.All(id => ledger.Tickets.TryGetValue(id, out var t) && t.Complete);

    public void Print(FlowOptions options, TimeSpan drained)
    {
        var hops = sender.Accepted.ToDictionary(p => p.Value, p => ledger.Tickets.GetValueOrDefault(p.Key));
        var window = _measured.Select(m => (m.Sent, hops[m.Sent])).ToList();
        var windowStart = sender.StartTicks + (long)(options.Warmup * TimeSpan.TicksPerSecond);
        var windowEnd = sender.EndTicks;
        var seconds = Math.Max(0.001, (windowEnd - windowStart) / (double)TimeSpan.TicksPerSecond);
        var offered = (int)Math.Round(options.Rate * options.Seconds);
        var processedInWindow = hops.Values.Count(h => h is { Complete: true } && h.AllThree >= windowStart && h.AllThree <= windowEnd);
        var backlogAtEnd = hops.Count(p => p.Key.AcknowledgedTicks <= windowEnd) - hops.Values.Count(h => h is { Complete: true } && h.AllThree <= windowEnd);
        var left = hops.Values.Count(h => h is not { Complete: true });

        Console.WriteLine();
        Console.WriteLine($"measured window      {seconds:0.0} s after {options.Warmup} s warm-up; driver's worst send lag {sender.WorstSendLagMs:0} ms");
        Console.WriteLine($"offered              {offered / seconds,8:0.0} tickets/s ({offered})");
        Console.WriteLine($"accepted (201)       {window.Count / seconds,8:0.0} tickets/s ({window.Count}){Failures()}");
        Console.WriteLine($"fully processed      {processedInWindow / seconds,8:0.0} tickets/s within the window ({processedInWindow})");
        Console.WriteLine($"backlog at end       {backlogAtEnd} accepted but not fully processed when sending stopped; " +
                          (left == 0 ? $"all {hops.Count} processed {drained.TotalSeconds:0.0} s later" : $"{left} still not after {drained.TotalSeconds:0} s"));
        PrintBacklogSeries(hops, windowStart, windowEnd);
        PrintLatencies(window);
        PrintHops(window);
    }

    private string Failures() =>
        sender.Failures.IsEmpty ? "" : $"; failed: {string.Join(", ", sender.Failures.Select(f => $"{f.Key}×{f.Value}"))}";

    /// <summary>Accepted minus fully processed every 5 s: flat means the platform keeps up, rising means it does not.</summary>
    private static void PrintBacklogSeries(Dictionary<SentTicket, TicketHops?> hops, long from, long to)
    {
        var step = 5 * TimeSpan.TicksPerSecond;
        var points = new List<string>();
        for (var t = from; t <= to + step / 2; t += step)
        {
            var accepted = hops.Keys.Count(s => s.AcknowledgedTicks <= t);
            var done = hops.Values.Count(h => h is { Complete: true } && h.AllThree <= t);
            points.Add((accepted - done).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Console.WriteLine($"backlog every 5 s    {string.Join(' ', points)}");
    }

    private static void PrintLatencies(List<(SentTicket Sent, TicketHops? Hops)> window)
    {
        Console.WriteLine();
        Console.WriteLine($"{"from scheduled send (ms)",-34} {"p50",8} {"p90",8} {"p99",8} {"max",8} {"count",7}");
        Row("submit → 201", window.Select(w => (long?)(w.Sent.AcknowledgedTicks - w.Sent.ScheduledTicks)));
        Row("submit → routed (on the ticket)", window.Select(w => Since(w.Sent.ScheduledTicks, w.Hops?.RoutedOnTicket)));
        Row("submit → SLA clock started", window.Select(w => Since(w.Sent.ScheduledTicks, w.Hops?.SlaStarted)));
        Row("submit → notification logged", window.Select(w => Since(w.Sent.ScheduledTicks, w.Hops?.Notified)));
        Row("submit → all three", window.Select(w => Since(w.Sent.ScheduledTicks, w.Hops?.AllThree)));
    }

    /// <summary>Where the time goes: each hop between committed rows (outbox written/published, inbox handled).</summary>
    private static void PrintHops(List<(SentTicket Sent, TicketHops? Hops)> window)
    {
        var hops = window.Where(w => w.Hops is not null).Select(w => (w.Sent, Hops: w.Hops!)).ToList();
        Console.WriteLine();
        Console.WriteLine($"{"per hop (ms)",-34} {"p50",8} {"p90",8} {"p99",8} {"max",8} {"count",7}");
        Row("send → TicketSubmitted written", hops.Select(h => Since(h.Sent.ScheduledTicks, h.Hops.SubmittedWritten)));
        Row("written → 201 at the client", hops.Select(h => Since(h.Hops.SubmittedWritten, h.Sent.AcknowledgedTicks)));
        Row("written → published (outbox)", hops.Select(h => Since(h.Hops.SubmittedWritten, h.Hops.SubmittedPublished)));
        Row("published → routing handled", hops.Select(h => Since(h.Hops.SubmittedPublished, h.Hops.RoutingConsumed)));
        Row("published → SLA handled", hops.Select(h => Since(h.Hops.SubmittedPublished, h.Hops.SlaStarted)));
        Row("published → notifications handled", hops.Select(h => Since(h.Hops.SubmittedPublished, h.Hops.Notified)));
        Row("notifications handled → mail sent", hops.Select(h => Since(h.Hops.Notified, h.Hops.Mailed)));
        Row("TicketRouted written → published", hops.Select(h => Since(h.Hops.RoutedWritten, h.Hops.RoutedPublished)));
        Row("TicketRouted published → on ticket", hops.Select(h => Since(h.Hops.RoutedPublished, h.Hops.RoutedOnTicket)));
    }

    public static void PrintCpu(Dictionary<string, double> cpu, double seconds, int tickets)
    {
        Console.WriteLine();
        var total = cpu.Values.Sum();
        Console.WriteLine($"CPU over the measured window ({seconds:0.0} s): {total:0.0} CPU-s = {total / seconds:0.00} cores; " +
                          $"{total * 1000 / Math.Max(1, tickets):0.00} CPU-ms per accepted ticket (driver included)");
        foreach (var (name, value) in cpu.Where(p => p.Value >= 0.05).OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"  {name,-32} {value,8:0.0} CPU-s {value * 1000 / Math.Max(1, tickets),8:0.00} ms/ticket");
        }
    }

    private static long? Since(long from, long? to) => from > 0 && to is > 0 ? to.Value - from : null;

    private static void Row(string what, IEnumerable<long?> ticks)
    {
        var histogram = new LongHistogram(TimeSpan.TicksPerHour, 3);
        foreach (var value in ticks)
        {
            if (value is { } v)
            {
                histogram.RecordValue(Math.Max(0, v));
            }
        }
        if (histogram.TotalCount == 0)
        {
            Console.WriteLine($"{what,-34} {"-",8} {"-",8} {"-",8} {"-",8} {0,7}");
            return;
        }
        static double Ms(long t) => t / (double)TimeSpan.TicksPerMillisecond;
        Console.WriteLine($"{what,-34} {Ms(histogram.GetValueAtPercentile(50)),8:0.0} {Ms(histogram.GetValueAtPercentile(90)),8:0.0} " +
                          $"{Ms(histogram.GetValueAtPercentile(99)),8:0.0} {Ms(histogram.GetMaxValue()),8:0.0} {histogram.TotalCount,7}");
    }
}
