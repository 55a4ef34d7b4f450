using Microsoft.Extensions.Options;

namespace HelpDesk.Messaging.Outbox;

/// <summary>Refuses, at start, outbox settings that would break a guarantee (e.g. inbox rows deleted inside the replay window).</summary>
internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
