using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// Compares a request body with the expected one in Recorded/Elasticsearch/expected/NAME.json (as JSON, not text).
/// After an intended change, set KB_EXPECTED_JSON_UPDATE=1 to rewrite the files, then review the diff.
/// </summary>
internal static class ExpectedJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Matches(string name, string actual, [CallerFilePath] string sourceFile = "")
    {
        var actualNode = JsonNode.Parse(actual)!;
        if (Environment.GetEnvironmentVariable("KB_EXPECTED_JSON_UPDATE") == "1")
        {
            var target = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Recorded", "Elasticsearch", "expected", name + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, actualNode.ToJsonString(Indented) + "\n");
            return;
        }
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", "Elasticsearch", "expected", name + ".json")))!;
        Assert.True(JsonNode.DeepEquals(expected, actualNode),
            $"The request body differs from expected/{name}.json.\nExpected: {expected.ToJsonString()}\nActual:   {actualNode.ToJsonString()}");
    }
}
