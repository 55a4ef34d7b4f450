namespace HelpDesk.Reliability;

/// <summary>What <see cref="FaultLedger"/> found: the counts it saw and every discrepancy, each by name.</summary>
public sealed class FaultLedgerReport
{
    private readonly List<string> _findings = [];
    private readonly List<(string What, int Count)> _counts = [];

    public IReadOnlyList<string> Findings => _findings;

    public IReadOnlyList<(string What, int Count)> Counts => _counts;

    public void Count(string what, int count) => _counts.Add((what, count));

    public int this[string what] => _counts.Single(c => c.What == what).Count;

    public void Fail(string finding) => _findings.Add(finding);

    public void Require(bool condition, string finding)
    {
        if (!condition)
        {
            Fail(finding);
        }
    }

    public override string ToString() =>
        string.Join(", ", _counts.Select(c => $"{c.What}={c.Count}")) +
        (_findings.Count == 0 ? "; no discrepancy" : $"; {_findings.Count} discrepancies:\n  " + string.Join("\n  ", _findings.Take(50)));
}
