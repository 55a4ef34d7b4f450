using System.Text.Json.Nodes;

namespace HelpDesk.AppHost.Demo;

/// <summary>
/// The demo's tickets, submitted as requesters would and moved along as agents would, so that the desk opens with
/// work in every state: assigned, in progress, waiting for the customer, resolved, closed and rated, a pre-approved
/// and an approval-bound catalogue request, and a change in assessment.
/// </summary>
internal sealed class DemoTickets(DemoSeeder seeder)
{
    private sealed record Demo(string Subject, string Description, string Requester, string Language, string[] Then, string Type = "Incident", string? CatalogItem = null);

    private static readonly Demo[] Tickets =
    [
        new("Outlook keeps asking for my password", "Since the password change on Monday Outlook asks for it every ten minutes.", "ada", "en", ["InProgress"]),
        new("Le Wi-Fi de la salle Monet est très lent", "Depuis ce matin, impossible de partager l'écran en réunion dans la salle Monet.", "carol", "fr", ["InProgress", "PendingCustomer"]),
        new("Stampante del secondo piano: carta inceppata", "La stampante vicino alla cucina segnala carta inceppata nel cassetto 2.", "bob", "it", ["InProgress", "Resolved"]),
        new("Account locked after holidays", "I typed an old password too many times and now my account is locked.", "ada", "en", ["InProgress", "Resolved", "Closed", "rate"]),
        new("Laptop screen flickers on the docking station", "The external monitor goes black every few seconds when the laptop is docked.", "bob", "en", []),
        new("Second monitor for my desk", "I would like a second 27\" monitor for desk 4.12.", "ada", "en", [], "ServiceRequest", "monitor"),
        new("Install Visual Studio Code", "I need VS Code for the new reporting project.", "bob", "en", [], "ServiceRequest", "software"),
        new("Upgrade the VPN concentrator firmware", "The vendor published a security fix for the VPN concentrator; plan the upgrade for a weekend.", "margaret", "en", ["Assessment"], "Change"),
    ];

    public async Task<List<string>> SubmitAsync(CancellationToken cancellationToken)
    {
        var numbers = new List<string>();
        foreach (var demo in Tickets)
        {
            var ticket = await seeder.SendAsync(HttpMethod.Post, "api/v1/tickets", new
            {
                subject = demo.Subject,
                description = demo.Description,
                requester = new { email = $"{demo.Requester}@example.org" },
                language = demo.Language,
                type = demo.Type,
                catalogItem = demo.CatalogItem,
            }, cancellationToken) ?? throw new InvalidOperationException("Intake answered without a ticket.");
            var number = ticket["number"]!.GetValue<string>();
            numbers.Add(number);
            if (demo.Then.Length > 0)
            {
                // Routing assigns first (an event away); moving the ticket on before that would race the assignment.
                await RoutedAsync(number, cancellationToken);
            }
            foreach (var step in demo.Then)
            {
                await StepAsync(number, step, cancellationToken);
            }
        }
        return numbers;
    }

    private Task StepAsync(string number, string step, CancellationToken cancellationToken) => step switch
    {
        "rate" => seeder.SendAsync(HttpMethod.Post, $"api/v1/tickets/{number}/rating", new { score = 5, comment = "Quick and friendly, thank you!" }, cancellationToken),
        "PendingCustomer" => Comment(number, "Which laptop are you using in the room? The asset tag is on the sticker underneath.", "PendingCustomer", cancellationToken),
        "Resolved" => seeder.SendAsync(HttpMethod.Post, $"api/v1/tickets/{number}/transitions",
            new { to = step, actor = "grace@example.org", resolution = "Cleared the jam and reset the tray; printing works again." }, cancellationToken),
        _ => seeder.SendAsync(HttpMethod.Post, $"api/v1/tickets/{number}/transitions", new { to = step, actor = "grace@example.org" }, cancellationToken),
    };

    private async Task<JsonNode?> Comment(string number, string body, string status, CancellationToken cancellationToken)
    {
        await seeder.SendAsync(HttpMethod.Post, $"api/v1/tickets/{number}/comments", new { body, author = "kate@example.org", authorKind = "Agent", isPublic = true }, cancellationToken);
        return await seeder.SendAsync(HttpMethod.Post, $"api/v1/tickets/{number}/transitions", new { to = status, actor = "kate@example.org" }, cancellationToken);
    }

    private async Task RoutedAsync(string number, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var ticket = await seeder.SendAsync(HttpMethod.Get, $"api/v1/tickets/{number}", null, cancellationToken);
            if (ticket?["queue"] is not null && ticket["queue"]!.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
