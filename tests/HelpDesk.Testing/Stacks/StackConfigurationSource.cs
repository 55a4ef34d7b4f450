using Microsoft.Extensions.Configuration;

namespace HelpDesk.Testing.Stacks;

/// <summary>
/// Answers <c>ConnectionStrings:messaging</c> with a virtual host and every <c>ConnectionStrings:*db</c> with a database
/// of its own, created on first read (the service's schema bootstrap creates the database). A value a test sets
/// itself is stored here too and wins.
/// </summary>
internal sealed class StackConfigurationSource(string messaging, Func<string, string> database) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(messaging, database);

    private sealed class Provider(string messaging, Func<string, string> database) : ConfigurationProvider
    {
        private const string Prefix = "ConnectionStrings:";

        public override bool TryGet(string key, out string? value)
        {
            if (base.TryGet(key, out value))
            {
                return true;
            }
            if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            var name = key[Prefix.Length..];
            if (name.Equals("messaging", StringComparison.OrdinalIgnoreCase))
            {
                value = messaging;
                return true;
            }
            if (name.EndsWith("db", StringComparison.OrdinalIgnoreCase) && !name.Contains(':', StringComparison.Ordinal))
            {
                value = database(name.ToLowerInvariant());
                return true;
            }
            return false;
        }
    }
}
