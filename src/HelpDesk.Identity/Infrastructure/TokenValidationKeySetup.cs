using Microsoft.Extensions.Options;
using OpenIddict.Validation;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>The identity service's own token validation (userinfo) imports the server's keys: rebuild it when they change.</summary>
internal sealed class TokenValidationKeySetup(SigningKeyRing ring) : IOptionsChangeTokenSource<OpenIddictValidationOptions>
{
    public string? Name => Options.DefaultName;

    public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => ring.GetChangeToken();
}
