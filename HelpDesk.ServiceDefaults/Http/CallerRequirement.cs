using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// What a caller must hold to use an endpoint: any one of <see cref="AnyScope"/> (when not empty) and any one of
/// <see cref="AnyRole"/> (when not empty), for the requests in <see cref="Methods"/>. Added to the endpoint's
/// metadata by <see cref="CallerRequirementExtensions"/>, so tests and documents can list every endpoint's rule.
/// </summary>
public sealed record CallerRequirement(
    IReadOnlyList<string> AnyScope,
    IReadOnlyList<string> AnyRole,
    RequestMethods Methods = RequestMethods.All)
{
    public bool AppliesTo(string method) => Methods switch
    {
        RequestMethods.Reads => IsRead(method),
        RequestMethods.Writes => !IsRead(method),
        _ => true,
    };

    /// <summary>A caller nobody vouched for holds no scope and no role, so it never meets a requirement.</summary>
    public bool IsMetBy(Caller caller) =>
        (AnyScope.Count == 0 || AnyScope.Any(caller.HasScope))
        && (AnyRole.Count == 0 || AnyRole.Any(caller.IsInRole));

    /// <summary>The 403 for a caller that does not meet this requirement, naming what is missing.</summary>
    public ProblemHttpResult Refusal(Caller caller)
    {
        var (kind, names) = AnyScope.Count > 0 && !AnyScope.Any(caller.HasScope) ? ("scope", AnyScope) : ("role", AnyRole);
        var needed = $"the {kind} '{names[0]}'" + (names.Count > 1 ? $" (or one of {string.Join(", ", names.Skip(1).Select(n => $"'{n}'"))})" : "");
        var who = caller.IsIdentified ? $"The caller '{caller.Id}' lacks" : "The request carries no caller identity, so it lacks";
        return HttpProblems.Forbidden($"Missing {kind}", $"{who} {needed} required for this operation.");
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
