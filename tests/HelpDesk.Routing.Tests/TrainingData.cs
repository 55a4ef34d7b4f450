using System.Text;

namespace HelpDesk.Routing.Tests;

/// <summary>Small generated ticket corpus with distinct vocabulary per category: trains in well under a second.</summary>
internal static class TrainingData
{
    public static readonly Dictionary<string, string[]> Vocabulary = new()
    {
        ["Hardware"] = ["laptop", "monitor", "keyboard", "docking", "screen", "mouse", "printer", "battery", "charger", "headset"],
        ["Access"] = ["password", "login", "account", "locked", "permission", "vpn", "mfa", "token", "reset", "sso"],
        ["Purchase"] = ["order", "invoice", "quote", "purchase", "supplier", "licence", "budget", "procurement", "payment", "vendor"],
    };

    private static readonly string[] Filler = ["please", "help", "hi", "thanks", "issue", "today", "urgent", "team"];

    public static string Csv(int perCategory = 60, int seed = 42, bool shuffleLabels = false)
    {
        var random = new Random(seed);
        var categories = Vocabulary.Keys.ToArray();
        var csv = new StringBuilder("subject,description,category\n");
        foreach (var (category, words) in Vocabulary)
        {
            for (var i = 0; i < perCategory; i++)
            {
                var picked = Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)]).Concat(Enumerable.Range(0, 2).Select(_ => Filler[random.Next(Filler.Length)]));
                // A quoted description with a comma exercises the CSV reader.
                var label = shuffleLabels ? categories[random.Next(categories.Length)] : category;
                csv.Append($"{words[random.Next(words.Length)]} problem,\"{string.Join(' ', picked)}, regards\",{label}\n");
            }
        }
        return csv.ToString();
    }
}

internal static class TestValues
{
    /// <summary>Builds a list argument for an anonymous request body.</summary>
    public static string[] Of(params string[] values) => values;
}
