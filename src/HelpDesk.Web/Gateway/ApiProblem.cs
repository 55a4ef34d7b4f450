namespace HelpDesk.Web.Gateway;

/// <summary>RFC 7807 problem details, with the validation errors by field when there are any.</summary>
public sealed record ApiProblem(string? Title, string? Detail, int? Status, IReadOnlyDictionary<string, string[]>? Errors)
{
    public string Message => Errors is { Count: > 0 }
        ? string.Join(" ", Errors.SelectMany(e => e.Value))
        : Detail ?? Title ?? "The request failed.";
}
