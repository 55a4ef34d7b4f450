namespace HelpDesk.ServiceDefaults.Http;

/// <summary>What kind of identity a <see cref="Caller"/> is.</summary>
public static class CallerKinds
{
    /// <summary>A person signed in at the identity service or an external issuer.</summary>
    public const string User = "user";

    /// <summary>A machine client with its own token (client credentials).</summary>
    public const string Client = "client";

    /// <summary>A channel app with an API key (portal, e-mail bridge, chat bot, monitoring).</summary>
    public const string Channel = "channel";
}
