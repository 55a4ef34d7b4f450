namespace HelpDesk.ServiceDefaults.Http;

/// <summary>What a <see cref="CallerRequirement"/> does with a request that carries no identity.</summary>
public enum UnidentifiedCallers
{
    /// <summary>403: a caller nobody vouched for holds no scope and no role.</summary>
    Refuse,

    /// <summary>
    /// Let it through: a direct call from inside the deployment. Only for endpoints that trusted such calls before
    /// services verified identities themselves (issue 15 removes this).
    /// </summary>
    Trust,
}
