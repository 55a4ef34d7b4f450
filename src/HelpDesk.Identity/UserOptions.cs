namespace HelpDesk.Identity;

public sealed class UserOptions
{
    public string UserName { get; set; } = "";

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    public List<string> Roles { get; set; } = [];

    public string? Organisation { get; set; }

    /// <summary>User name of the manager (created in the same list or already present).</summary>
    public string? Manager { get; set; }

    public List<string> Groups { get; set; } = [];
}
