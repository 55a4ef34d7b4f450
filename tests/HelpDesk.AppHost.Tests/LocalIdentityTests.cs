using HelpDesk.LocalServers;
using HelpDesk.Testing;

namespace HelpDesk.AppHost.Tests;

/// <summary>The identity a local run generates into its data directory.</summary>
public sealed class LocalIdentityTests
{
    [Fact]
    public void Demo_passwords_always_meet_the_identity_services_password_policy()
    {
        // The identity service refuses to start on a seeded user whose password fails its policy (at least 10
        // characters with a digit, a lower- and an upper-case letter). 40 fresh data directories × every demo person: random
        // base64 alone misses a digit about one time in fifteen.
        var passwords = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            using var data = new TempDirectory("local-identity");
            var settings = LocalIdentity.IdentitySettings(data.Path, new Uri("http://localhost/"), withDemoPeople: true);
            passwords.AddRange(settings.Where(s => s.Key.EndsWith(":Password", StringComparison.Ordinal)).Select(s => s.Value!));
        }

        Assert.Equal(40 * DemoPeople.All.Count, passwords.Count);
        Assert.All(passwords, p => Assert.True(
            p.Length >= 10 && p.Any(char.IsAsciiDigit) && p.Any(char.IsAsciiLetterLower) && p.Any(char.IsAsciiLetterUpper), p));
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_same_data_directory_keeps_its_people_and_keys()
    {
        using var data = new TempDirectory("local-identity");
        var first = LocalIdentity.IdentitySettings(data.Path, new Uri("http://localhost/"), withDemoPeople: true);
        var second = LocalIdentity.IdentitySettings(data.Path, new Uri("http://localhost/"), withDemoPeople: true);

        Assert.Equal(first, second);
        Assert.Equal(LocalIdentity.EnsureSigningKey(data.Path), LocalIdentity.EnsureSigningKey(data.Path));
    }
}
