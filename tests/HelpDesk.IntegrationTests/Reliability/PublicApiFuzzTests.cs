using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HelpDesk.Embedded;
using HelpDesk.Gateway;
using HelpDesk.Gateway.Security;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;

namespace HelpDesk.Reliability;

/// <summary>
/// Generated bad input against the public API through the gateway (the embedded platform: every service, real
/// HTTP on loopback). Seeded, so a failing case reproduces: the case's name and seed are in the failure message.
/// Bars: never a 5xx; every 4xx is application/problem+json; a rejected request writes nothing; accepted text is
/// stored verbatim (no injection is interpreted).
/// </summary>
public sealed class PublicApiFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261124;
    private const int GeneratedCases = 700;
    private const string Key = "hdk_reliability_fuzz_0123456789abcdefghijklmnop";

    private static readonly string[] Injections =
    [
        "'; DROP TABLE tickets; --", "\" OR 1=1 --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "{{ 7 | times: 7 }}", "{% for x in (1..99999999) %}x{% endfor %}", "${jndi:ldap://127.0.0.1/a}", "../../../../etc/passwd",
        "%00%0d%0aSet-Cookie: a=b", "\u202eevil\u202c", "🧨💥", "\\u0000", "$(rm -rf /)", "{\"$where\": \"sleep(1000)\"}",
    ];

    [Fact]
    public async Task Bad_input_never_yields_a_5xx_or_a_partial_record_and_every_rejection_is_a_problem_details_4xx()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var data = new TempDirectory("helpdesk-fuzz");
        string[] args =
        [
            "--Gateway:ApiKeys:0:Id=fuzz", "--Gateway:ApiKeys:0:Channel=api", "--Gateway:ApiKeys:0:RateLimitPerMinute=1000000",
            .. HelpDeskScopes.All.Select((scope, i) => $"--Gateway:ApiKeys:0:Scopes:{i}={scope}"),
            $"--Gateway:ApiKeys:0:KeyHash={ApiKeyHash.Compute(Key, null)}",
            "--Logging:LogLevel:Default=Warning",
        ];
        await using var platform = await EmbeddedPlatform.StartAsync(data.Path, args, cancellationToken);
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var keyed = PlatformProbe.CreateClient(platform.GatewayAddress, Key);
        var probe = new PlatformProbe(keyed);

        // One real ticket, so endpoints under /tickets/{id} are fuzzed against something that exists.
        var (existing, outcome) = await probe.TrySubmitAsync(PlatformProbe.BodyFor("Fuzz anchor", 1), "fuzz-anchor", cancellationToken);
        Assert.True(existing is not null, $"The anchor ticket was not created ({outcome}).");

        var random = new Random(Seed);
        var cases = FixedCases(existing.Value).Concat(Enumerable.Range(0, GeneratedCases).Select(i => Generate(random, i, existing.Value))).ToList();
        var before = (await probe.AllTicketsAsync(cancellationToken)).Count;
        var created = new List<(FuzzCase Case, Guid Id, string Subject)>();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var fuzz in cases)
        {
            using var request = fuzz.ToRequest();
            using var response = await client.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (status >= 500)
            {
                failures.Add($"{fuzz.Name}: {status} {Shorten(body)}");
            }
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                && !(fuzz.RejectedByKestrel && body.Length == 0 && status is 400 or 414))
            {
                failures.Add($"{fuzz.Name}: {status} without problem details (content-type '{response.Content.Headers.ContentType}') {Shorten(body)}");
            }
            else if (status == 201 && fuzz.Method == HttpMethod.Post && fuzz.Path == "/api/v1/tickets")
            {
                using var json = JsonDocument.Parse(body);
                created.Add((fuzz, json.RootElement.GetProperty("id").GetGuid(), json.RootElement.GetProperty("subject").GetString() ?? ""));
                var submittedBy = json.RootElement.TryGetProperty("submittedBy", out var by) ? by.GetString() : null;
                if (submittedBy is not null && submittedBy.Contains("forged", StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{fuzz.Name}: a forged identity header reached intake (submittedBy '{submittedBy}').");
                }
            }
            else if (status == 201 && fuzz.ExpectRejection)
            {
                failures.Add($"{fuzz.Name}: accepted although it must be rejected.");
            }
        }
        output.WriteLine($"{cases.Count} cases (seed {Seed}); statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; {created.Count} accepted submissions");

        foreach (var (fuzz, id, subject) in created.Where(c => c.Case.ExpectRejection))
        {
            failures.Add($"{fuzz.Name}: created ticket {id} ('{Shorten(subject)}') although it must be rejected.");
        }
        // Nothing half-written: exactly the accepted submissions became tickets.
        var after = (await probe.AllTicketsAsync(cancellationToken)).Count;
        if (after != before + created.Count)
        {
            failures.Add($"{after - before} tickets appeared but only {created.Count} submissions were accepted.");
        }
        // Accepted injection text is stored verbatim, not interpreted.
        foreach (var (fuzz, id, subject) in created.Where(c => c.Case.StoredSubject is not null))
        {
            if (subject != fuzz.StoredSubject)
            {
                failures.Add($"{fuzz.Name}: subject stored as '{Shorten(subject)}', sent '{Shorten(fuzz.StoredSubject!)}'.");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases broke the bar (seed {Seed}):\n" + string.Join('\n', failures.Take(40)));
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static IEnumerable<FuzzCase> FixedCases(Guid existing)
    {
        const string tickets = "/api/v1/tickets";
        var valid = Encoding.UTF8.GetBytes(PlatformProbe.BodyFor("Valid fuzz body", 2));
        yield return FuzzCase.Post("empty body", tickets, [], reject: true);
        yield return FuzzCase.Post("json null", tickets, "null"u8.ToArray(), reject: true);
        yield return FuzzCase.Post("json array", tickets, "[]"u8.ToArray(), reject: true);
        yield return FuzzCase.Post("json string", tickets, "\"ticket\""u8.ToArray(), reject: true);
        yield return FuzzCase.Post("truncated", tickets, valid[..(valid.Length / 2)], reject: true);
        yield return FuzzCase.Post("trailing garbage", tickets, [.. valid, .. "}}}"u8.ToArray()], reject: true);
        yield return FuzzCase.Post("10,000 nested arrays", tickets, Encoding.UTF8.GetBytes("{\"subject\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), reject: true);
        yield return FuzzCase.Post("10,000 nested objects", tickets, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)), reject: true);
        yield return FuzzCase.Post("2 MiB subject", tickets, Encoding.UTF8.GetBytes(Json(new { subject = new string('a', 2 * 1024 * 1024), description = "d", requesterEmail = "a@example.org" })), reject: true);
        yield return FuzzCase.Post("900 KiB description", tickets, Encoding.UTF8.GetBytes(Json(new { subject = "s", description = new string('b', 900 * 1024), requesterEmail = "a@example.org" })), reject: true);
        yield return FuzzCase.Post("invalid UTF-8 in subject", tickets, [.. "{\"subject\":\"abc"u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\"}"u8.ToArray()], reject: true);
        yield return FuzzCase.Post("overlong UTF-8 slash", tickets, [.. "{\"subject\":\""u8.ToArray(), 0xC0, 0xAF, .. "\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\"}"u8.ToArray()], reject: true);
        yield return FuzzCase.Post("lone surrogate escape", tickets, "{\"subject\":\"\\ud800\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\"}"u8.ToArray());
        yield return FuzzCase.Post("NUL in subject", tickets, Encoding.UTF8.GetBytes(Json(new { subject = "a\0b", description = "d", requesterEmail = "a@example.org" })));
        yield return FuzzCase.Post("text/plain", tickets, valid, contentType: "text/plain", reject: true);
        yield return FuzzCase.Post("application/xml", tickets, "<ticket><subject>x</subject></ticket>"u8.ToArray(), contentType: "application/xml", reject: true);
        yield return FuzzCase.Post("no content type", tickets, valid, contentType: null, reject: true);
        yield return FuzzCase.Post("form urlencoded", tickets, "subject=x&description=y"u8.ToArray(), contentType: "application/x-www-form-urlencoded", reject: true);
        yield return FuzzCase.Post("no API key", tickets, valid, apiKey: null, reject: true);
        yield return FuzzCase.Post("forged API key", tickets, valid, apiKey: "hdk_forged_key", reject: true);
        yield return FuzzCase.Post("forged identity without key", tickets, valid, apiKey: null, reject: true, headers: ForgedIdentity);
        yield return FuzzCase.Post("forged identity with key", tickets, Encoding.UTF8.GetBytes(PlatformProbe.BodyFor("Forged identity with key", 3)), headers: ForgedIdentity);
        yield return FuzzCase.Post("bad idempotency key", tickets, valid, reject: true, headers: [("Idempotency-Key", new string('k', 500))]);
        yield return FuzzCase.Post("reused idempotency key, other body", tickets, valid, reject: true, headers: [("Idempotency-Key", "fuzz-anchor")]);
        // Kestrel refuses a NUL in the path and an over-long request line itself, before any middleware runs: those
        // answers are 400/414 without a body (no application code can attach problem details there).
        yield return FuzzCase.Get("garbage id", $"{tickets}/%00%ff'--") with { RejectedByKestrel = true };
        yield return FuzzCase.Get("bad list query", $"{tickets}?limit=abc&after=zzz&status=exploded&q=" + new string('q', 300));
        yield return FuzzCase.Post("comment wrong types", $"{tickets}/{existing}/comments", "{\"body\":[1,2],\"isPublic\":\"maybe\"}"u8.ToArray(), reject: true);
        yield return FuzzCase.Post("transition to nowhere", $"{tickets}/{existing}/transitions", "{\"to\":\"Exploded\"}"u8.ToArray(), reject: true);
        yield return FuzzCase.Post("rating out of range", $"{tickets}/{existing}/rating", "{\"score\":1e309}"u8.ToArray(), reject: true);
        // Strict bodies: an unknown or misspelled member is refused (it would otherwise change meaning silently); a
        // member in another case binds to the member it names.
        yield return FuzzCase.Post("misspelled member", tickets, "{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"urgncy\":\"High\"}"u8.ToArray(), reject: true);
        yield return FuzzCase.Post("extra member", tickets, "{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"priorty\":\"High\"}"u8.ToArray(), reject: true);
        yield return FuzzCase.Post("extra nested member", tickets, "{\"subject\":\"s\",\"description\":\"d\",\"requester\":{\"email\":\"a@example.org\",\"admin\":true}}"u8.ToArray(), reject: true);
        yield return FuzzCase.Post("enum as a number", tickets, "{\"subject\":\"s\",\"description\":\"d\",\"requesterEmail\":\"a@example.org\",\"impact\":99}"u8.ToArray(), reject: true);
        yield return FuzzCase.Post("members in other case", tickets, "{\"SUBJECT\":\"Case fuzz\",\"Description\":\"d\",\"requesterEMAIL\":\"a@example.org\"}"u8.ToArray());
        yield return FuzzCase.Post("comment 'internal' for 'isPublic'", $"{tickets}/{existing}/comments", "{\"body\":\"secret\",\"internal\":true}"u8.ToArray(), reject: true);
        yield return FuzzCase.Get("sla not a guid", "/api/v1/sla/tickets/not-a-guid");
        yield return FuzzCase.Get("sla unknown ticket", $"/api/v1/sla/tickets/{Guid.NewGuid()}");
        yield return FuzzCase.Get("deliveries bad filters", "/api/v1/notifications/deliveries?status=lost&channel=pigeon&limit=-1&ticketId=xyz");
        yield return FuzzCase.Get("kb search huge", "/api/v1/kb/search?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("AND (OR \"", 800)))) with { RejectedByKestrel = true };
        yield return FuzzCase.Get("garbage id, no NUL", $"{tickets}/%ff'--%3Cscript%3E");
        yield return FuzzCase.Get("kb search long (6 KB)", "/api/v1/kb/search?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("AND (OR \"", 200))));
        yield return FuzzCase.Get("routing unknown ticket", $"/api/v1/routing/tickets/{Guid.NewGuid()}");
        foreach (var (injection, i) in Injections.Select((s, i) => (s, i)))
        {
            var subject = $"Injection {i}: {injection}";
            yield return new FuzzCase($"injection {i}", HttpMethod.Post, tickets,
                Encoding.UTF8.GetBytes(Json(new { subject, description = injection, requesterEmail = "a@example.org" })), "application/json", Key, [], ExpectRejection: false, StoredSubject: subject);
        }
    }

    private static readonly (string, string)[] ForgedIdentity =
    [
        ("X-HelpDesk-Client-Id", "forged-admin"), ("X-HelpDesk-Client-Name", "forged"), ("X-HelpDesk-Channel", "forged"),
        ("X-HelpDesk-Scopes", "tickets:write tickets:read sla:admin routing:admin"),
    ];

    /// <summary>A random mutation of a valid submission: wrong types, odd values, control characters, broken bytes.</summary>
    private static FuzzCase Generate(Random random, int index, Guid existing)
    {
        var fields = new Dictionary<string, object?>
        {
            ["subject"] = "Generated " + index,
            ["description"] = "Generated description",
            ["requesterEmail"] = "gen@example.org",
        };
        string[] names = ["subject", "description", "requesterEmail", "requesterName", "type", "channel", "impact", "urgency", "language", "tags", "attachments", "requester", "catalogItem"];
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            fields[names[random.Next(names.Length)]] = RandomValue(random);
        }
        var bytes = Encoding.UTF8.GetBytes(Json(fields));
        var kind = random.Next(10);
        var name = $"generated #{index} kind {kind}";
        switch (kind)
        {
            case 0:
                // Flip random bytes (may break UTF-8 or the JSON syntax).
                for (var i = 0; i < 1 + random.Next(4); i++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                break;
            case 1:
                bytes = bytes[..random.Next(bytes.Length)];
                break;
            case 2:
                return FuzzCase.Post(name, $"/api/v1/tickets/{existing}/comments", bytes);
            case 3:
                return FuzzCase.Post(name, $"/api/v1/tickets/{existing}/transitions", Encoding.UTF8.GetBytes(Json(new Dictionary<string, object?> { ["to"] = RandomValue(random), ["expectedVersion"] = RandomValue(random) })));
            case 4:
                return FuzzCase.Get(name, $"/api/v1/tickets?{Pick(random, ["status", "type", "priority", "limit", "after", "q", "channel"])}={Uri.EscapeDataString(RandomText(random))}");
            default:
                break;
        }
        return FuzzCase.Post(name, "/api/v1/tickets", bytes, headers: [("Idempotency-Key", $"gen-{index}")]);
    }

    private static object? RandomValue(Random random) => random.Next(12) switch
    {
        0 => null,
        1 => random.Next(),
        2 => random.NextDouble() * 1e300,
        3 => true,
        4 => new[] { RandomText(random), RandomText(random) },
        5 => new Dictionary<string, object?> { [RandomText(random)] = RandomText(random) },
        6 => new string('x', random.Next(5_000, 120_000)),
        7 => Pick(random, Injections),
        8 => Pick(random, ["Incident", "ServiceRequest", "High", "low", "email", "EN", "xx-Klingon", "-1", "1e5"]),
        9 => new object[] { new object[] { new object[] { RandomText(random) } } },
        _ => RandomText(random),
    };

    private static string RandomText(Random random)
    {
        var length = random.Next(0, 40);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x20),        // control characters
                1 => (char)random.Next(0xD800, 0xE000), // lone surrogates
                2 => (char)random.Next(0x20, 0x7F),
                _ => (char)random.Next(0x80, 0xFFFF),
            };
        }
        return new string(chars);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private sealed record FuzzCase(
        string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? ApiKey,
        IReadOnlyList<(string Name, string Value)> Headers, bool ExpectRejection, string? StoredSubject = null)
    {
        public bool RejectedByKestrel { get; init; }

        public static FuzzCase Post(string name, string path, byte[] body, string? contentType = "application/json", string? apiKey = Key, bool reject = false, IReadOnlyList<(string, string)>? headers = null) =>
            new(name, HttpMethod.Post, path, body, contentType, apiKey, headers ?? [], reject);

        public static FuzzCase Get(string name, string path) => new(name, HttpMethod.Get, path, null, null, Key, [], ExpectRejection: false);

        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(Method, Path);
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
                request.Content.Headers.ContentType = ContentType is null ? null : MediaTypeHeaderValue.Parse(ContentType);
            }
            // Absent or forged when the case says so.
            if (ApiKey is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Api-Key", ApiKey);
            }
            foreach (var (name, value) in Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            return request;
        }
    }
}
