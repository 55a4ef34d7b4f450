using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The policy vocabulary of every service, on an endpoint or a group:
/// <c>.RequireScope(HelpDeskScopes.SlaAdmin)</c>, <c>.RequireScopes(read: …, write: …)</c>, <c>.RequireRole("agent")</c>.
/// Several requirements on one endpoint must all be met.
/// </summary>
public static class CallerRequirementExtensions
{
    /// <summary>Every request needs <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new CallerRequirement([scope], []));

    /// <summary>Every request needs one of <paramref name="scopes"/> (e.g. a scope or the broader one that implies it).</summary>
    public static TBuilder RequireAnyScope<TBuilder>(this TBuilder builder, IReadOnlyList<string> scopes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new CallerRequirement(scopes, []));

    /// <summary>Reads (GET, HEAD, OPTIONS) need <paramref name="read"/>, every other method <paramref name="write"/>.</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, string read, string write)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .Require(new CallerRequirement([read], [], RequestMethods.Reads))
            .Require(new CallerRequirement([write], [], RequestMethods.Writes));

    /// <summary>Every request needs one of <paramref name="roles"/>.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new CallerRequirement([], roles));

    public static TBuilder Require<TBuilder>(this TBuilder builder, CallerRequirement requirement)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(requirement);
        builder.AddEndpointFilter(new CallerRequirementFilter(requirement));
        return builder;
    }
}
