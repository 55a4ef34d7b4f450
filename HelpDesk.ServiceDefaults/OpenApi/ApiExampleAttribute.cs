namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>
/// An example value for a request or response member (or a whole type), as JSON: <c>[ApiExample("\"HD-000123\"")]</c>.
/// The OpenAPI documents show it in the schema, so generated clients and Scalar's "try it" start from real values.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false)]
public sealed class ApiExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}
