using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HelpDesk.ApiContract.Tests;

/// <summary>
/// Every operation a service publishes is documented well enough to generate a client from: a stable operationId of
/// the form <c>Area_Action</c>, a summary, a description, an error answer, and security unless it is public.
/// A new endpoint without <c>.WithName("Area_Action").WithSummary(…)</c> fails here.
/// </summary>
public sealed partial class OperationConventionTests(ServiceDocuments documents) : IClassFixture<ServiceDocuments>
{
    [Fact]
    public void Every_operation_has_a_stable_operation_id_a_summary_and_error_answers()
    {
        var missing = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in ServiceDocuments.Names)
        {
            foreach (var (path, method, operation) in Operations(documents.Parse(name)))
            {
                var where = $"{name}: {method.ToUpperInvariant()} {path}";
                var id = (string?)operation["operationId"];
                if (id is null || !OperationId().IsMatch(id))
                {
                    missing.Add($"{where}: operationId '{id}' is not Area_Action (.WithName(\"Tickets_Submit\"))");
                }
                else if (!ids.Add(id))
                {
                    missing.Add($"{where}: operationId '{id}' is used twice");
                }
                if (string.IsNullOrWhiteSpace((string?)operation["summary"]))
                {
                    missing.Add($"{where}: no summary (.WithSummary(…))");
                }
                if (string.IsNullOrWhiteSpace((string?)operation["description"]))
                {
                    missing.Add($"{where}: no description (.WithDescription(…))");
                }
                var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
                if (!responses.Any(s => s.StartsWith('2') || s.StartsWith('3')))
                {
                    missing.Add($"{where}: no success answer");
                }
                if (!responses.Any(s => s.StartsWith('4')))
                {
                    missing.Add($"{where}: no error answer");
                }
            }
        }
        Assert.True(missing.Count == 0, $"{missing.Count} operations lack metadata:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_document_is_titled_after_its_service_and_served_by_the_gateway()
    {
        foreach (var name in ServiceDocuments.Names)
        {
            var document = documents.Parse(name);
            Assert.StartsWith("HelpDesk ", (string?)document["info"]!["title"], StringComparison.Ordinal);
            Assert.Equal(ServiceDocuments.ServerUrl, (string?)document["servers"]![0]!["url"]);
            var schemes = document["components"]!["securitySchemes"]!.AsObject();
            Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
            Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);
            Assert.Equal($"{ServiceDocuments.ServerUrl}/connect/token", (string?)schemes["OAuth2"]!["flows"]!["clientCredentials"]!["tokenUrl"]);
            Assert.NotEmpty(Operations(document));
        }
    }

    internal static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(m => m.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
            .Select(m => (path.Key, m.Key, m.Value!.AsObject())));

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*_[A-Z][A-Za-z0-9]*$")]
    private static partial Regex OperationId();
}
