using HelpDesk.ServiceDefaults.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HelpDesk.Gateway.Security;

/// <summary>
/// Signs the short-lived token forwarded with every authenticated request (HelpDesk:ServiceTokens:SigningKey).
/// Without a configured key the gateway makes one for its lifetime and says so: services that were not given
/// its public key will then refuse everything, which is the safe failure.
/// </summary>
public sealed class ServiceTokenSigner
{
    private readonly ECDsaSecurityKey _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public ServiceTokenSigner(IOptions<ServiceTokenOptions> options, TimeProvider clock, ILogger<ServiceTokenSigner> logger)
    {
        var pem = options.Value.SigningKey;
        if (string.IsNullOrWhiteSpace(pem))
        {
            (pem, var publicKey) = ServiceTokens.NewKeyPair();
            logger.LogWarning("No {Section}:SigningKey is configured: signing forwarded identities with a key made at start. " +
                "Services must be given its public key ({Section}:VerificationKeys:0):\n{PublicKey}", ServiceTokenOptions.Section, ServiceTokenOptions.Section, publicKey);
        }
        _key = ServiceTokens.LoadKey(pem);
        PublicKeyPem = ServiceTokens.PublicKeyOf(pem);
        _lifetime = options.Value.Lifetime;
        _clock = clock;
    }

    public string PublicKeyPem { get; }

    public string Sign(Caller caller) => ServiceTokens.Create(_key, ServiceTokens.ClaimsOf(caller), _lifetime, _clock);
}
