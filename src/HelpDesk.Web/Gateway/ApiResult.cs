namespace HelpDesk.Web.Gateway;

/// <summary>An answer from the gateway: the value, or the problem the service (or gateway) answered with.</summary>
public sealed record ApiResult<T>(T? Value, int Status, ApiProblem? Problem)
{
    public bool IsSuccess => Problem is null && Status is >= 200 and < 300;
}
