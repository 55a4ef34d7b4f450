using System.Security.Claims;

namespace HelpDesk.Web.Components.Shared;

/// <summary>Who the signed-in person is, in the terms the services use.</summary>
public static class Me
{
    /// <summary>The id an agent is assigned tickets under (their user name, as routing knows agents).</summary>
    public static string AgentId(ClaimsPrincipal? user) =>
        user?.FindFirst("preferred_username")?.Value ?? user?.FindFirst("sub")?.Value ?? "";

    public static string Name(ClaimsPrincipal? user) => user?.FindFirst("name")?.Value ?? AgentId(user);

    public static string Email(ClaimsPrincipal? user) => user?.FindFirst("email")?.Value ?? "";
}
