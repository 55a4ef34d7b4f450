using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpDesk.Sla.Domain;

/// <summary>How the SLA service stores JSON (definitions, timelines): web defaults, enums as names.</summary>
public static class SlaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
