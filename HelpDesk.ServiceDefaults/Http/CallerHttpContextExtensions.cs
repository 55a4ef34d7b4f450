using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.ServiceDefaults.Http;

public static class CallerHttpContextExtensions
{
    private static readonly ServiceTokenCallerResolver Fallback = new();

    /// <summary>The caller of this request, resolved once by the registered <see cref="ICallerResolver"/>.</summary>
    public static Caller GetCaller(this HttpContext context)
    {
        if (context.Features.Get<Caller>() is { } known)
        {
            return known;
        }
        var resolver = context.RequestServices?.GetService<ICallerResolver>() ?? Fallback;
        var caller = resolver.Resolve(context);
        context.Features.Set(caller);
        return caller;
    }
}
