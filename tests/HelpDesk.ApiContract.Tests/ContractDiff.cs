using System.Text.Json.Nodes;

namespace HelpDesk.ApiContract.Tests;

/// <summary>
/// The changes from one version of a document to the next that would break a client built against the old one
/// (docs/api.md, "Versioning"): a removed operation, a renamed operationId, a new required parameter or request member,
/// a removed request member or request enum value, a removed success status, a removed response member, a changed
/// type, or an operation that needs more scopes. Adding operations, optional members, response members and statuses is
/// compatible. Clients must tolerate unknown response members and enum values.
/// </summary>
public static class ContractDiff
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static List<string> Breaking(JsonObject before, JsonObject after)
    {
        var changes = new List<string>();
        var afterPaths = after["paths"]?.AsObject() ?? [];
        foreach (var (path, item) in before["paths"]?.AsObject() ?? [])
        {
            foreach (var method in Methods.Where(m => item?[m] is not null))
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                var old = item![method]!.AsObject();
                if (afterPaths[path]?[method] is not JsonObject now)
                {
                    changes.Add($"{where}: removed");
                    continue;
                }
                var comparer = new Comparer(before, after, changes);
                comparer.Operation(where, old, now);
            }
        }
        return changes;
    }

    private sealed class Comparer(JsonObject before, JsonObject after, List<string> changes)
    {
        private readonly HashSet<(string, string, bool)> _seen = [];

        public void Operation(string where, JsonObject old, JsonObject now)
        {
            if ((string?)old["operationId"] != (string?)now["operationId"])
            {
                changes.Add($"{where}: operationId {(string?)old["operationId"]} became {(string?)now["operationId"]}");
            }
            Parameters(where, old, now);
            if (old["requestBody"] is JsonObject oldBody || now["requestBody"] is not null)
            {
                var wasRequired = (bool?)old["requestBody"]?["required"] ?? false;
                if (!wasRequired && ((bool?)now["requestBody"]?["required"] ?? false))
                {
                    changes.Add($"{where}: the request body became required");
                }
                Schema($"{where} request", Json(old["requestBody"]), Json(now["requestBody"]), request: true);
            }
            foreach (var (status, response) in old["responses"]?.AsObject() ?? [])
            {
                if (!status.StartsWith('2'))
                {
                    continue;
                }
                if (now["responses"]?[status] is not JsonObject nowResponse)
                {
                    changes.Add($"{where}: no longer answers {status}");
                    continue;
                }
                Schema($"{where} {status}", Json(response), Json(nowResponse), request: false);
            }
            Scopes(where, old, now);
        }

        private void Parameters(string where, JsonObject old, JsonObject now)
        {
            static Dictionary<string, JsonObject> ByKey(JsonObject operation) =>
                (operation["parameters"]?.AsArray() ?? []).OfType<JsonObject>()
                    .ToDictionary(p => $"{(string?)p["in"]}:{((string?)p["name"])?.ToLowerInvariant()}");
            var before = ByKey(old);
            var after = ByKey(now);
            foreach (var (key, parameter) in after)
            {
                var required = (bool?)parameter["required"] ?? false;
                var wasRequired = before.TryGetValue(key, out var previous) && ((bool?)previous["required"] ?? false);
                if (required && !wasRequired)
                {
                    changes.Add($"{where}: parameter {key} is new and required");
                }
            }
            foreach (var key in before.Keys.Where(k => !after.ContainsKey(k)))
            {
                changes.Add($"{where}: parameter {key} was removed");
            }
        }

        private void Scopes(string where, JsonObject old, JsonObject now)
        {
            static HashSet<string> Alternatives(JsonObject operation) => (operation["security"]?.AsArray() ?? []).OfType<JsonObject>()
                .SelectMany(r => r.Select(s => $"{s.Key}:{string.Join(' ', (s.Value?.AsArray() ?? []).Select(v => (string?)v).Order(StringComparer.Ordinal))}"))
                .ToHashSet(StringComparer.Ordinal);
            var before = Alternatives(old);
            var after = Alternatives(now);
            if (before.Count > 0 && after.Count > 0 && !before.Overlaps(after))
            {
                changes.Add($"{where}: needs other credentials ({string.Join(", ", after)} instead of {string.Join(", ", before)})");
            }
            else if (before.Count == 0 && after.Count > 0)
            {
                changes.Add($"{where}: was public, now needs credentials");
            }
        }

        private static JsonObject? Json(JsonNode? bodyOrResponse) =>
            bodyOrResponse?["content"]?["application/json"]?["schema"] as JsonObject;

        private static JsonObject? Resolve(JsonObject? schema, JsonObject document)
        {
            var reference = (string?)schema?["$ref"];
            return reference is null ? schema : document["components"]?["schemas"]?[reference.Split('/')[^1]] as JsonObject;
        }

        private void Schema(string where, JsonObject? oldSchema, JsonObject? newSchema, bool request)
        {
            if (!_seen.Add(((string?)oldSchema?["$ref"] ?? where, (string?)newSchema?["$ref"] ?? where, request)))
            {
                return;
            }
            var old = Resolve(oldSchema, before);
            var now = Resolve(newSchema, after);
            if (old is null || now is null)
            {
                if (old is not null && !request)
                {
                    changes.Add($"{where}: the response body was removed");
                }
                return;
            }
            Types(where, old, now, request);
            Enums(where, old, now, request);
            Members(where, old, now, request);
            if (old["items"] is JsonObject oldItems)
            {
                Schema($"{where}[]", oldItems, now["items"] as JsonObject, request);
            }
        }

        private void Types(string where, JsonObject old, JsonObject now, bool request)
        {
            static HashSet<string> Of(JsonObject schema) => schema["type"] switch
            {
                JsonArray many => many.Select(t => (string)t!).ToHashSet(),
                JsonValue one => [(string)one!],
                _ => [],
            };
            var before = Of(old);
            var after = Of(now);
            if (before.Count == 0 || after.Count == 0)
            {
                return;
            }
            // A request may accept more than before; a response may only promise less (e.g. no longer null).
            var broken = request ? !before.IsSubsetOf(after) : !after.IsSubsetOf(before);
            if (broken)
            {
                changes.Add($"{where}: type {string.Join('|', before.Order())} became {string.Join('|', after.Order())}");
            }
        }

        private void Enums(string where, JsonObject old, JsonObject now, bool request)
        {
            if (!request || old["enum"] is not JsonArray before)
            {
                return;
            }
            var after = (now["enum"] as JsonArray)?.Select(v => v?.ToJsonString()).ToHashSet() ?? [];
            foreach (var value in before.Select(v => v?.ToJsonString()).Where(v => !after.Contains(v)))
            {
                changes.Add($"{where}: enum value {value} is no longer accepted");
            }
        }

        private void Members(string where, JsonObject old, JsonObject now, bool request)
        {
            var before = old["properties"]?.AsObject() ?? [];
            var after = now["properties"]?.AsObject() ?? [];
            var wasRequired = (old["required"]?.AsArray() ?? []).Select(r => (string?)r).ToHashSet();
            foreach (var (name, schema) in before)
            {
                if (after[name] is not JsonObject current)
                {
                    // Request bodies refuse unknown members, so a removed member breaks clients that send it.
                    changes.Add($"{where}: member '{name}' was removed");
                    continue;
                }
                Schema($"{where}.{name}", schema as JsonObject, current, request);
            }
            if (request)
            {
                foreach (var name in (now["required"]?.AsArray() ?? []).Select(r => (string?)r).Where(r => r is not null && !wasRequired.Contains(r)))
                {
                    changes.Add($"{where}: member '{name}' became required");
                }
            }
        }
    }
}
