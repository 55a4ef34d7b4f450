namespace HelpDesk.LocalServers;

/// <summary>One demo person: who they are, what they may do, whose organisation and manager.</summary>
public sealed record DemoPerson(string UserName, string DisplayName, string[] Roles, string? Organisation, string? Manager, string[] Groups)
{
    public string Email => $"{UserName}@example.org";
}
