using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>Puts <see cref="ApiExampleAttribute"/> values into the schemas (members of records included).</summary>
internal sealed class ApiExampleSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var example = context.JsonPropertyInfo is { } property
            ? ExampleOf(property.AttributeProvider, property.DeclaringType, property.Name)
            : context.JsonTypeInfo.Type.GetCustomAttribute<ApiExampleAttribute>();
        if (example is not null)
        {
            schema.Examples = [JsonNode.Parse(example.Json)!];
        }
        return Task.CompletedTask;
    }

    /// <summary>On a positional record the attribute sits on the constructor parameter unless written <c>[property: …]</c>.</summary>
    private static ApiExampleAttribute? ExampleOf(ICustomAttributeProvider? member, Type declaringType, string jsonName)
    {
        if (member?.GetCustomAttributes(typeof(ApiExampleAttribute), true).OfType<ApiExampleAttribute>().FirstOrDefault() is { } onMember)
        {
            return onMember;
        }
        var name = (member as MemberInfo)?.Name ?? jsonName;
        return declaringType.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.GetCustomAttribute<ApiExampleAttribute>())
            .FirstOrDefault(a => a is not null);
    }
}
