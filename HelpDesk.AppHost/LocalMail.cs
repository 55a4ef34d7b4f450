namespace HelpDesk.AppHost;

/// <summary>Where local runs keep outgoing e-mail when no SMTP server is configured.</summary>
public static class LocalMail
{
    public static string PickupDirectory(string dataDirectory) => Path.Combine(dataDirectory, "mail");
}
