namespace HelpDesk.Web.Gateway;

public static class SlaRisk
{
    public const string Breached = "breached";
    public const string Warning = "warning";
    public const string Ok = "ok";

    public static int Rank(string risk) => risk switch { Breached => 0, Warning => 1, _ => 2 };
}
