using System.Text.RegularExpressions;
using HelpDesk.Gateway.Security;

namespace HelpDesk.Gateway.Tests;

public sealed partial class ApiKeyToolTests
{
    [Fact]
    public void New_key_prints_a_fresh_key_and_the_hash_that_verifies_it()
    {
        var first = Run(["new-key", "--id", "chat-bot", "--channel", "chat", "--scopes", "tickets:write kb:read"]);
        var second = Run(["new-key"]);

        var key = KeyLine().Match(first).Groups[1].Value;
        var hash = HashLine().Match(first).Groups[1].Value;
        Assert.StartsWith("hdk_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40);
        Assert.Equal(ApiKeyHash.Compute(key, null).ToString(), hash);
        Assert.Contains("\"Channel\": \"chat\"", first, StringComparison.Ordinal);
        Assert.Contains("Gateway__ApiKeys__N__Scopes__1=kb:read", first, StringComparison.Ordinal);
        Assert.NotEqual(key, KeyLine().Match(second).Groups[1].Value);
    }

    [Fact]
    public void Hash_key_hashes_a_given_key_or_one_read_from_stdin_and_peppers_on_request()
    {
        const string key = "hdk_example";
        Assert.Equal(ApiKeyHash.Compute(key, null).ToString(), Run(["hash-key", key]).Trim());
        Assert.Equal(ApiKeyHash.Compute(key, null).ToString(), Run(["hash-key"], stdin: key + "\n").Trim());
        var peppered = Run(["hash-key", key, "--pepper", "s3cret"]).Trim();
        Assert.Equal(ApiKeyHash.Compute(key, "s3cret").ToString(), peppered);
        Assert.StartsWith("hmac-sha256:", peppered, StringComparison.Ordinal);
        // Plain SHA-256, so `printf %s KEY | sha256sum` gives the same digest.
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("hdk_example"u8)), Run(["hash-key", key]).Trim());
    }

    [Fact]
    public void An_unknown_channel_is_refused()
    {
        using var output = new StringWriter();
        Assert.Equal(2, ApiKeyTool.Run(["new-key", "--channel", "fax"], new StringReader(""), output));
    }

    private static string Run(string[] args, string stdin = "")
    {
        using var output = new StringWriter();
        Assert.Equal(0, ApiKeyTool.Run(args, new StringReader(stdin), output));
        return output.ToString();
    }

    [GeneratedRegex(@"^key:\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^hash:\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex HashLine();
}
