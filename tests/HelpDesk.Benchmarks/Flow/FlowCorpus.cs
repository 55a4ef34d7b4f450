using System.Text.Json;
using HelpDesk.Benchmarks.Routing;
using HelpDesk.Reliability;
using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Benchmarks.Flow;

/// <summary>
/// What ticket-flow sends. By default an ordinary day's mix: real IT service tickets (data/it-service-tickets/test.csv,
/// ~9,500 texts over 8 topic groups), shuffled with a fixed seed so every run sends the same sequence, each from one of
/// <see cref="Requesters"/> requesters (seeded too). Subject = the text's first words, description = the whole text.
/// With <c>--storm</c>: the flow of the earlier figures, every ticket the same text ("laptop cannot reach the VPN since
/// the update"), so after the 10th each routed ticket joins one major-incident group — an alert storm, reported as such.
/// </summary>
public sealed class FlowCorpus
{
    public const int Seed = 18;

    public const int Requesters = 400;

    private const int SubjectWords = 8;

    private readonly List<(string Subject, string Description, int Requester)> _tickets;

    private FlowCorpus(bool storm, List<(string Subject, string Description, int Requester)> tickets)
    {
        Storm = storm;
        _tickets = tickets;
    }

    public bool Storm { get; }

    /// <summary>The mix's (subject, description) pairs in sending order; empty for the storm.</summary>
    public IEnumerable<(string Subject, string Description)> Texts => _tickets.Select(t => (t.Subject, t.Description));

    public static FlowCorpus Load(bool storm)
    {
        if (storm)
        {
            return new FlowCorpus(true, []);
        }
        var root = RoutingAccuracyDriver.RepositoryRoot()
            ?? throw new InvalidOperationException("Run from inside the repository (data/it-service-tickets/test.csv.gz is the ticket mix), or pass --storm.");
        var random = new Random(Seed);
        var texts = BaseData.ReadCsv(Path.Combine(root, "data/it-service-tickets/test.csv.gz"))
            .Select(t => t.Text.Trim()).Where(t => t.Length > 0).ToArray();
        random.Shuffle(texts);
        return new FlowCorpus(false, [.. texts.Select(t => (SubjectOf(t), Truncate(t, 20_000), random.Next(Requesters)))]);
    }

    public override string ToString() => Storm
        ? "STORM: every ticket the same text, so after the 10th each routed ticket joins one major-incident group (--storm)"
        : $"mix: {_tickets.Count} real IT tickets (data/it-service-tickets/test.csv, 8 topic groups) in a fixed order (seed {Seed}), {Requesters} requesters";

    /// <summary>Ticket <paramref name="n"/> of the run: the same for every run (but the storm's run id in its subject).</summary>
    public string BodyFor(string runId, int n)
    {
        if (Storm)
        {
            return PlatformProbe.BodyFor($"Flow {runId} #{n}", n);
        }
        var (subject, description, requester) = _tickets[n % _tickets.Count];
        return JsonSerializer.Serialize(new
        {
            subject,
            description,
            requesterEmail = $"requester{requester:D3}@example.org",
            requesterName = $"Requester {requester:D3}",
        });
    }

    private static string SubjectOf(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Truncate(string.Join(' ', words.Take(SubjectWords)), 200);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
