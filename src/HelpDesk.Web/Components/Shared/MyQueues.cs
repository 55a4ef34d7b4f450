using System.Security.Claims;

namespace HelpDesk.Web.Components.Shared;

/// <summary>
/// The queues an agent works: those a <c>group</c> claim of theirs names (the services enforce the same rule on every
/// ticket); admins and leads see every queue.
/// </summary>
public static class MyQueues
{
    public static IReadOnlyList<QueueInfo> Of(ClaimsPrincipal? user, IReadOnlyList<QueueInfo> queues) =>
        user is null ? []
        : user.IsInRole("admin") || user.IsInRole("lead") ? queues
        : queues.Where(q => user.HasClaim("group", q.Name)).ToList();
}
