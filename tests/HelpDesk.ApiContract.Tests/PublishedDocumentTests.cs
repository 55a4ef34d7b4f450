using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelpDesk.ApiContract.Tests;

/// <summary>
/// The documents are written to docs/openapi/*.json on every run, so a change to the API shows in review (and Spectral
/// lints them in ./test.sh). /api/v1 only grows: compared with the committed documents, a change that would break an
/// existing client fails here; a breaking change needs /api/v2 (docs/api.md, "Versioning").
/// </summary>
public sealed class PublishedDocumentTests(ServiceDocuments documents) : IClassFixture<ServiceDocuments>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void Documents_are_written_to_the_repository_and_v1_changes_are_additive()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "openapi");
        Directory.CreateDirectory(folder);
        var breaking = new List<string>();
        foreach (var name in ServiceDocuments.Names)
        {
            var file = Path.Combine(folder, $"{name}.json");
            var committed = Committed($"docs/openapi/{name}.json") ?? (File.Exists(file) ? File.ReadAllText(file) : null);
            var current = documents.Parse(name);
            File.WriteAllText(file, current.ToJsonString(Indented) + "\n");
            if (committed is not null)
            {
                breaking.AddRange(ContractDiff.Breaking(JsonNode.Parse(committed)!.AsObject(), current).Select(c => $"{name}: {c}"));
            }
        }
        Assert.True(breaking.Count == 0,
            "Breaking changes to /api/v1 (add instead, or publish the change under /api/v2; see docs/api.md):\n" + string.Join('\n', breaking));
    }

    [Fact]
    public void The_diff_catches_what_would_break_a_client()
    {
        var before = documents.Parse("intake");
        var after = documents.Parse("intake");
        var submit = after["paths"]!["/api/v1/tickets"]!["post"]!.AsObject();
        submit["operationId"] = "Tickets_Create";
        after["components"]!["schemas"]!["TicketResponse"]!["properties"]!.AsObject().Remove("number");
        after["paths"]!.AsObject().Remove("/api/v1/tickets/{idOrNumber}/rating");

        var changes = ContractDiff.Breaking(before, after);

        Assert.Contains(changes, c => c.Contains("operationId Tickets_Submit became Tickets_Create", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains("member 'number' was removed", StringComparison.Ordinal));
        Assert.Contains(changes, c => c == "POST /api/v1/tickets/{idOrNumber}/rating: removed");
        Assert.Empty(ContractDiff.Breaking(before, documents.Parse("intake")));
    }

    /// <summary>The document as committed (HEAD), so running the tests twice still compares with what review saw.</summary>
    private static string? Committed(string path)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", RepositoryRoot(), "show", $"HEAD:{path}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var text = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpDesk.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("HelpDesk.sln not found above the test's folder.");
    }
}
