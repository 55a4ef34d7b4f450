using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Api;

/// <summary>Who hears what: subscriptions per event type, queue contacts, personal preferences and ticket watchers.</summary>
public static class RecipientsApi
{
    public static RouteGroupBuilder MapRecipients(this RouteGroupBuilder group)
    {
        group.MapGet("/subscriptions", ListSubscriptionsAsync).WithName("Subscriptions_List")
            .WithSummary("List subscriptions")
            .WithDescription("Which roles hear each event type.");
        group.MapPut("/subscriptions/{eventType}", PutSubscriptionAsync).WithName("Subscriptions_Put")
            .WithSummary("Set who hears an event type")
            .WithDescription("Replaces the roles notified of an event type.");
        group.MapDelete("/subscriptions/{eventType}", DeleteSubscriptionAsync).WithName("Subscriptions_Delete")
            .WithSummary("Reset an event type's subscription")
            .WithDescription("Back to the built-in roles for that event type.").ProducesProblem(404);
        group.MapGet("/queues/{queue}/contacts", GetQueueContactsAsync).WithName("QueueContacts_Get")
            .WithSummary("Get a queue's contacts")
            .WithDescription("Addresses that hear a queue's notifications.");
        group.MapPut("/queues/{queue}/contacts", PutQueueContactsAsync).WithName("QueueContacts_Put")
            .WithSummary("Set a queue's contacts")
            .WithDescription("Replaces the addresses that hear a queue's notifications.");
        group.MapGet("/preferences/{email}", GetPreferenceAsync).WithName("Preferences_Get")
            .WithSummary("Get a person's preferences")
            .WithDescription("Language and opt-outs of one person.").ProducesProblem(404);
        group.MapPut("/preferences/{email}", PutPreferenceAsync).WithName("Preferences_Put")
            .WithSummary("Set a person's preferences")
            .WithDescription("Replaces the language and opt-outs of one person.");
        group.MapGet("/tickets/{ticketId}", GetTicketByRefAsync).WithName("Watchers_GetTicket")
            .WithSummary("Get a ticket's watchers")
            .WithDescription("What Notifications knows of a ticket, with its watchers.").ProducesProblem(404);
        group.MapPost("/tickets/{ticketId}/watchers", AddWatcherByRefAsync).WithName("Watchers_Add")
            .WithSummary("Watch a ticket")
            .WithDescription("Adds an address that hears every public change of the ticket.").ProducesProblem(404);
        group.MapDelete("/tickets/{ticketId}/watchers/{email}", RemoveWatcherByRefAsync).WithName("Watchers_Remove")
            .WithSummary("Stop watching a ticket")
            .WithDescription("Removes a watcher from the ticket.").ProducesProblem(404);
        return group;
    }

    private static async Task<Ok<List<SubscriptionResponse>>> ListSubscriptionsAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.Subscriptions.AsNoTracking().ToDictionaryAsync(r => r.EventType, cancellationToken);
        return TypedResults.Ok(NotificationEventTypes.All.Select(type => rules.TryGetValue(type.Name, out var rule)
            ? new SubscriptionResponse(type.Name, DeliveryPlanner.ParseRoles(rule.Roles), false)
            : new SubscriptionResponse(type.Name, type.DefaultRoles, true)).ToList());
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ValidationProblem>> PutSubscriptionAsync(
        string eventType, PutSubscriptionRequest request, NotificationsDbContext db, NotificationSettingsCache settings, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var type = NotificationEventTypes.Find(eventType);
        if (type is null)
        {
            validation.Add("eventType", $"Unknown event type '{eventType}'.");
        }
        var roles = new List<RecipientRole>();
        if (request.Roles is null)
        {
            validation.Add("roles", "List the roles that hear this event (an empty list silences it).");
        }
        foreach (var role in request.Roles ?? [])
        {
            if (Enum.TryParse<RecipientRole>(role, ignoreCase: true, out var parsed) && !int.TryParse(role, out _))
            {
                roles.Add(parsed);
            }
            else
            {
                validation.Add("roles", $"Unknown role '{role}'. Use {string.Join(", ", Enum.GetNames<RecipientRole>())}.");
            }
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var rule = await db.Subscriptions.FirstOrDefaultAsync(s => s.EventType == type!.Name, cancellationToken);
        if (rule is null)
        {
            rule = new SubscriptionRule { EventType = type!.Name };
            db.Subscriptions.Add(rule);
        }
        rule.Roles = string.Join(',', roles.Distinct());
        await db.SaveChangesAsync(cancellationToken);
        settings.Changed();
        return TypedResults.Ok(new SubscriptionResponse(rule.EventType, roles.Distinct().ToList(), false));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteSubscriptionAsync(
        string eventType, NotificationsDbContext db, NotificationSettingsCache settings, CancellationToken cancellationToken)
    {
        var removed = await db.Subscriptions.Where(s => s.EventType == eventType).ExecuteDeleteAsync(cancellationToken);
        settings.Changed();
        return removed > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<Ok<QueueContactsResponse>> GetQueueContactsAsync(string queue, NotificationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new QueueContactsResponse(queue, await db.QueueContacts.AsNoTracking().Where(c => c.Queue == queue).OrderBy(c => c.Email).Select(c => c.Email).ToListAsync(cancellationToken)));

    private static async Task<Results<Ok<QueueContactsResponse>, ValidationProblem>> PutQueueContactsAsync(
        string queue, QueueContactsRequest request, NotificationsDbContext db, NotificationSettingsCache settings, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (queue.Length > 100)
        {
            validation.Add("queue", "The queue name must be at most 100 characters.");
        }
        if (request.Emails is null)
        {
            validation.Add("emails", "List the addresses (an empty list removes all).");
        }
        for (var i = 0; i < (request.Emails?.Count ?? 0); i++)
        {
            if (!EmailAddress.IsValid(request.Emails![i]))
            {
                validation.Add($"emails[{i}]", $"'{request.Emails[i]}' is not an e-mail address.");
            }
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var emails = request.Emails!.Select(DeliveryPlanner.NormalizeEmail).Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.QueueContacts.Where(c => c.Queue == queue).ExecuteDeleteAsync(cancellationToken);
        db.QueueContacts.AddRange(emails.Select(e => new QueueContact { Queue = queue, Email = e }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        settings.Changed();
        return TypedResults.Ok(new QueueContactsResponse(queue, emails));
    }

    private static async Task<Results<Ok<PreferenceResponse>, NotFound>> GetPreferenceAsync(string email, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = DeliveryPlanner.NormalizeEmail(email);
        var preference = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.Email == normalized, cancellationToken);
        return preference is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(preference));
    }

    private static async Task<Results<Ok<PreferenceResponse>, ValidationProblem>> PutPreferenceAsync(
        string email, PreferenceRequest request, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (!EmailAddress.IsValid(email))
        {
            validation.Add("email", $"'{email}' is not an e-mail address.");
        }
        if (request.Language is not null && (request.Language.Length is < 2 or > 16 || !request.Language.All(c => char.IsAsciiLetter(c) || c == '-')))
        {
            validation.Add("language", "Use a language tag such as en, fr or it.");
        }
        var optOuts = request.OptOuts ?? [];
        for (var i = 0; i < optOuts.Count; i++)
        {
            if (optOuts[i].EventType != "*" && NotificationEventTypes.Find(optOuts[i].EventType) is null)
            {
                validation.Add($"optOuts[{i}].eventType", $"Unknown event type '{optOuts[i].EventType}' (or \"*\").");
            }
            if (optOuts[i].Channel != "*" && !Enum.TryParse<NotificationChannel>(optOuts[i].Channel, ignoreCase: true, out _))
            {
                validation.Add($"optOuts[{i}].channel", "Use email, webhook or \"*\".");
            }
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var normalized = DeliveryPlanner.NormalizeEmail(email);
        var preference = await db.Preferences.FirstOrDefaultAsync(p => p.Email == normalized, cancellationToken);
        if (preference is null)
        {
            preference = new UserPreference { Email = normalized };
            db.Preferences.Add(preference);
        }
        preference.Language = request.Language is null ? null : TemplateCatalog.NormalizeLanguage(request.Language);
        preference.OptOuts = string.Join(',', optOuts.Select(o => $"{(o.EventType == "*" ? "*" : NotificationEventTypes.Find(o.EventType)!.Name)}:{o.Channel.ToLowerInvariant()}").Distinct());
        preference.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(preference));
    }

    private static PreferenceResponse ToResponse(UserPreference preference) => new(preference.Email, preference.Language,
        preference.OptOuts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split(':')).Select(p => new OptOut(p[0], p.Length > 1 ? p[1] : "*")).ToList());

    // A ticket by its id or its number (HD-000123); a number Notifications has not heard of is a 404.
    /// <summary>A ticket outside an agent's queues answers 404 (<see cref="QueueAccess"/>): its requester and watchers are not theirs to read.</summary>
    private static async Task<Results<Ok<TicketResponse>, NotFound>> GetTicketByRefAsync(TicketRef ticketId, Caller caller, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.Tickets.ResolveAsync(ticketId, cancellationToken) is { } id && await db.Tickets.VisibleTo(caller).AnyAsync(t => t.TicketId == id, cancellationToken)
            ? await GetTicketAsync(id, db, cancellationToken)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<TicketResponse>, NotFound, ValidationProblem>> AddWatcherByRefAsync(
        TicketRef ticketId, WatcherRequest request, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await db.Tickets.ResolveAsync(ticketId, cancellationToken) is { } id ? await AddWatcherAsync(id, request, db, time, cancellationToken) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> RemoveWatcherByRefAsync(TicketRef ticketId, string email, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.Tickets.ResolveAsync(ticketId, cancellationToken) is { } id ? await RemoveWatcherAsync(id, email, db, cancellationToken) : TypedResults.NotFound();

    private static async Task<Results<Ok<TicketResponse>, NotFound>> GetTicketAsync(Guid ticketId, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }
        var watchers = await db.Watchers.AsNoTracking().Where(w => w.TicketId == ticketId).OrderBy(w => w.Email).Select(w => w.Email).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TicketResponse(ticket.TicketId, ticket.TicketNumber, ticket.Subject, ticket.RequesterEmail, ticket.Language, ticket.Queue,
            ticket.AssigneeName, ticket.AssigneeEmail, ticket.Approver, ticket.Status, watchers));
    }

    private static async Task<Results<Ok<TicketResponse>, NotFound, ValidationProblem>> AddWatcherAsync(
        Guid ticketId, WatcherRequest request, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!EmailAddress.IsValid(request.Email))
        {
            return Validation.Problem("email", "An e-mail address is required.");
        }
        if (!await db.Tickets.AnyAsync(t => t.TicketId == ticketId, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var email = DeliveryPlanner.NormalizeEmail(request.Email!);
        if (!await db.Watchers.AnyAsync(w => w.TicketId == ticketId && w.Email == email, cancellationToken))
        {
            db.Watchers.Add(new TicketWatcher { TicketId = ticketId, Email = email, AddedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await db.Watchers.AsNoTracking().AnyAsync(w => w.TicketId == ticketId && w.Email == email, CancellationToken.None))
                {
                    throw;
                }
                // Added concurrently: the result is the same.
            }
        }
        var result = await GetTicketAsync(ticketId, db, cancellationToken);
        return result.Result is Ok<TicketResponse> ok ? ok : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound>> RemoveWatcherAsync(Guid ticketId, string email, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = DeliveryPlanner.NormalizeEmail(email);
        return await db.Watchers.Where(w => w.TicketId == ticketId && w.Email == normalized).ExecuteDeleteAsync(cancellationToken) > 0
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }
}
