using Microsoft.AspNetCore.Http;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>Answers 403 with a problem naming the missing scope or role before the handler runs.</summary>
internal sealed class CallerRequirementFilter(CallerRequirement requirement) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (requirement.AppliesTo(http.Request.Method))
        {
            var caller = http.GetCaller();
            if (!requirement.IsMetBy(caller))
            {
                return requirement.Refusal(caller);
            }
        }
        return await next(context);
    }
}
