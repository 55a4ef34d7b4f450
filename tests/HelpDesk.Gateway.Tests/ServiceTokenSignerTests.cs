using HelpDesk.Gateway.Security;
using HelpDesk.ServiceDefaults;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace HelpDesk.Gateway.Tests;

/// <summary>The forwarded identity is signed once per caller and reused briefly, never across callers.</summary>
public sealed class ServiceTokenSignerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    private ServiceTokenSigner NewSigner() => new(
        Options.Create(new ServiceTokenOptions { SigningKey = TestCallers.SigningKeyPem, Lifetime = TimeSpan.FromMinutes(2) }),
        _clock, NullLogger<ServiceTokenSigner>.Instance);

    [Fact]
    public void The_same_caller_gets_the_same_token_for_the_first_quarter_of_its_life_then_a_new_one()
    {
        var signer = NewSigner();
        var caller = TestCallers.Channel("portal", "web", ["tickets:write"]);

        var first = signer.Sign(caller);
        _clock.Advance(TimeSpan.FromSeconds(29));
        var reused = signer.Sign(caller);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var renewed = signer.Sign(caller);

        Assert.Equal(first, reused);
        Assert.NotEqual(first, renewed);
        var token = new JsonWebToken(renewed);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, token.IssuedAt, TimeSpan.FromSeconds(1));
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddMinutes(2), token.ValidTo, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Callers_that_differ_in_any_claim_never_share_a_token()
    {
        var signer = NewSigner();
        var ada = TestCallers.Requester("ada", organisation: "acme");
        var adaElsewhere = TestCallers.Requester("ada", organisation: "globex");
        // A display name that spells out another claim must not make a key equal to a caller that has that claim.
        var named = TestCallers.Channel("portal", "web", ["tickets:write"], name: "x");
        var spoof = TestCallers.Channel("portal", "web", ["tickets:write"], name: "x" + "5:email1:y");

        var tokens = new[] { signer.Sign(ada), signer.Sign(adaElsewhere), signer.Sign(named), signer.Sign(spoof) };

        Assert.Equal(tokens.Length, tokens.Distinct().Count());
        Assert.Equal("acme", new JsonWebToken(tokens[0]).GetClaim(HelpDeskClaims.Organisation).Value);
        Assert.Equal("globex", new JsonWebToken(tokens[1]).GetClaim(HelpDeskClaims.Organisation).Value);
        Assert.Equal("x5:email1:y", new JsonWebToken(tokens[3]).GetClaim(HelpDeskClaims.Name).Value);
    }
}
