using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>
/// Gives OpenIddict the ring's keys, and rebuilds its options whenever the ring changes (a rotation, or keys made
/// by another replica). OpenIddict sorts certificate keys itself: the valid one that expires last signs.
/// </summary>
internal sealed class TokenServerKeySetup(SigningKeyRing ring) :
    IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string? Name => Options.DefaultName;

    public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => ring.GetChangeToken();

    public void Configure(OpenIddictServerOptions options)
    {
        if (!ring.IsLoaded)
        {
            throw new InvalidOperationException("The identity service's keys are not loaded yet (KeyRotation runs at start).");
        }
        foreach (var certificate in ring.Signing)
        {
            options.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256));
        }
        foreach (var certificate in ring.Encryption)
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(
                new X509SecurityKey(certificate), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}
