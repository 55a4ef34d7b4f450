namespace HelpDesk.Routing;

public sealed class DirectoryPerson
{
    public string? Email { get; set; }
    public string? Name { get; set; }
}
