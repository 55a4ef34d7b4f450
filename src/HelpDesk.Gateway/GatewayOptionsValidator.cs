using HelpDesk.Gateway.Security;
using Microsoft.Extensions.Options;

namespace HelpDesk.Gateway;

/// <summary>Refuses to start with a key configuration that would be silently wrong (start-up fails naming the field).</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>();
        if (options.DefaultRateLimitPerMinute < 1)
        {
            errors.Add("Gateway:DefaultRateLimitPerMinute must be at least 1.");
        }
        if (options.MaxRequestBodyBytes < 1)
        {
            errors.Add("Gateway:MaxRequestBodyBytes must be at least 1.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var field = $"Gateway:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Id) || !IsHeaderSafe(key.Id))
            {
                errors.Add($"{field}:Id is required and must be printable ASCII.");
            }
            else if (!ids.Add(key.Id))
            {
                errors.Add($"{field}:Id '{key.Id}' is used by more than one key.");
            }
            if (key.Name is not null && !IsHeaderSafe(key.Name))
            {
                errors.Add($"{field}:Name must be printable ASCII (it is forwarded as a header).");
            }
            if (!ApiKeyOptions.Channels.Contains(key.Channel))
            {
                errors.Add($"{field}:Channel '{key.Channel}' is not one of {string.Join(", ", ApiKeyOptions.Channels)}.");
            }
            if (key.Scopes.Count == 0 || key.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)))
            {
                errors.Add($"{field}:Scopes must list at least one scope, each without spaces.");
            }
            if (!ApiKeyHash.TryParse(key.KeyHash, out var hash))
            {
                errors.Add($"{field}:KeyHash must be 'sha256:<64 hex>' or 'hmac-sha256:<64 hex>' (mint one with: hash-key).");
            }
            else if (hash.Algorithm == ApiKeyHashAlgorithm.HmacSha256 && string.IsNullOrEmpty(options.KeyPepper))
            {
                errors.Add($"{field}:KeyHash is an hmac-sha256 hash but Gateway:KeyPepper is not set.");
            }
            if (key.RateLimitPerMinute is < 1)
            {
                errors.Add($"{field}:RateLimitPerMinute must be at least 1.");
            }
            if (key.Burst is < 1)
            {
                errors.Add($"{field}:Burst must be at least 1.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHeaderSafe(string value) => value.All(c => c is >= ' ' and <= '~');
}
