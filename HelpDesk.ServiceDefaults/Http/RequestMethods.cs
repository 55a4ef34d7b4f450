namespace HelpDesk.ServiceDefaults.Http;

/// <summary>Which requests a <see cref="CallerRequirement"/> applies to.</summary>
public enum RequestMethods
{
    All,

    /// <summary>GET, HEAD and OPTIONS.</summary>
    Reads,

    /// <summary>Every other method.</summary>
    Writes,
}
