namespace HelpDesk.Web.Components.Pages.Agent;

/// <summary>What the agent ticket page's forms post: each form fills the fields its action needs.</summary>
public sealed class AgentActionForm
{
    public string? Body { get; set; }
    public string? Status { get; set; }
    public string? Resolution { get; set; }
    public string? Priority { get; set; }
    public string? Queue { get; set; }
    public string? AgentId { get; set; }
    public string? Reason { get; set; }
    public int Version { get; set; }
    public string? LinkType { get; set; }
    public string? Target { get; set; }
    public string? Macro { get; set; }
}
