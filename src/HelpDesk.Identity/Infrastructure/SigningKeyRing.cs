using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Primitives;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>
/// The keys the token server uses right now, loaded from identitydb. Replacing them fires a change token, so
/// OpenIddict's options are rebuilt with the new keys without a restart.
/// </summary>
public sealed class SigningKeyRing : IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _changed = new();

    public IReadOnlyList<X509Certificate2> Signing { get; private set; } = [];

    public IReadOnlyList<X509Certificate2> Encryption { get; private set; } = [];

    public bool IsLoaded => Signing.Count > 0 && Encryption.Count > 0;

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void Replace(IReadOnlyList<X509Certificate2> signing, IReadOnlyList<X509Certificate2> encryption)
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            if (Same(Signing, signing) && Same(Encryption, encryption))
            {
                return;
            }
            Signing = signing;
            Encryption = encryption;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }
        previous.Cancel();
        previous.Dispose();
    }

    private static bool Same(IReadOnlyList<X509Certificate2> current, IReadOnlyList<X509Certificate2> next) =>
        current.Select(c => c.Thumbprint).Order(StringComparer.Ordinal).SequenceEqual(next.Select(c => c.Thumbprint).Order(StringComparer.Ordinal));

    public void Dispose()
    {
        lock (_gate)
        {
            _changed.Dispose();
        }
    }
}
