using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpDesk.Testing;

/// <summary>The services' wire format: web defaults with enums as strings.</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
