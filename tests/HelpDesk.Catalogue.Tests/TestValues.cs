namespace HelpDesk.Catalogue.Tests;

/// <summary>Arrays for request bodies without tripping CA1861 (constant arrays as arguments).</summary>
internal static class TestValues
{
    public static string[] Of(params string[] values) => values;
}
