using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Domain;

/// <summary>
/// Decides who hears an event and writes one pending <see cref="Delivery"/> per recipient × channel, with
/// its content rendered. Runs inside the consumer's inbox transaction: it never sends anything itself.
/// </summary>
public sealed class DeliveryPlanner(TemplateRenderer renderer, NotificationSettingsCache settingsCache, TimeProvider time, IOptions<NotificationsOptions> options)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Plans <paramref name="evt"/> for everyone it concerns. Returns whether the requester should hear it but is not
    /// known yet (the event overtook its ticket's TicketSubmitted): the caller holds the requester's share
    /// (<see cref="RequesterHold"/>).
    /// </summary>
    public async Task<bool> PlanAsync(NotificationsDbContext db, NotificationEvent evt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = await settingsCache.GetAsync(db, cancellationToken);
        var roles = settings.RolesFor(evt.Type);
        var created = 0;
        foreach (var recipient in await FindRecipientsAsync(db, settings, evt, roles, cancellationToken))
        {
            created += await PlanEmailAsync(db, settings, evt, recipient, now, cancellationToken);
        }

        foreach (var endpoint in settings.ActiveEndpoints.Where(e => e.Subscribes(evt.Type)))
        {
            var body = JsonSerializer.Serialize(new WebhookPayload(evt.MessageId, evt.Type, evt.OccurredAt, evt.Data), JsonOptions);
            db.Deliveries.Add(NewDelivery(evt, NotificationChannel.Webhook, WebhookRecipient(endpoint.Id), endpoint.Id, null, null, body, null, now));
            created++;
        }
        NotificationsMetrics.Planned.Add(created);
        return roles.Contains(RecipientRole.Requester) && evt.Ticket.RequesterEmail is null && !evt.StaffOnly && !evt.ActorIsRequester &&
               evt.Data is ITicketEvent and not TicketSubmitted;
    }

    /// <summary>
    /// Plans a held event for its requester alone, now that the ticket's submission told who that is. A requester who
    /// already had this event in another role (a watcher) is not written twice.
    /// </summary>
    public async Task<int> PlanForRequesterAsync(NotificationsDbContext db, NotificationEvent evt, CancellationToken cancellationToken)
    {
        var settings = await settingsCache.GetAsync(db, cancellationToken);
        var created = 0;
        foreach (var recipient in await FindRecipientsAsync(db, settings, evt, settings.RolesFor(evt.Type).Where(r => r == RecipientRole.Requester).ToList(), cancellationToken))
        {
            if (!await db.Deliveries.AnyAsync(d => d.EventMessageId == evt.MessageId && d.Recipient == recipient.Email && d.Channel == NotificationChannel.Email, cancellationToken))
            {
                created += await PlanEmailAsync(db, settings, evt, recipient, time.GetUtcNow(), cancellationToken);
            }
        }
        NotificationsMetrics.Planned.Add(created);
        return created;
    }

    /// <summary>One e-mail, rendered in the recipient's language; none when they opted out.</summary>
    private async Task<int> PlanEmailAsync(NotificationsDbContext db, NotificationSettings settings, NotificationEvent evt, Recipient recipient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var preference = await NotificationQueries.FindPreferenceAsync(db, recipient.Email, cancellationToken);
        if (preference is not null && IsOptedOut(preference, evt.Type, NotificationChannel.Email))
        {
            return 0;
        }
        var wanted = preference?.Language ?? (recipient.Role == RecipientRole.Requester ? evt.Ticket.Language : options.Value.DefaultLanguage);
        var (set, language) = TemplateCatalog.Resolve(settings, evt.Type, wanted);
        var model = new TemplateModel(TicketModel(evt.Ticket), TemplateRenderer.ToDictionary(evt.Data, JsonOptions), new Dictionary<string, object>
        {
            ["email"] = recipient.Email,
            ["name"] = recipient.Name ?? "",
            ["role"] = recipient.Role.ToString().ToLowerInvariant(),
        }, language);
        RenderedMessage message;
        try
        {
            message = renderer.Render(set, model, evt.Ticket.TicketNumber);
        }
        catch (TemplateLimitException) when (DefaultTemplates.Find(evt.Type, language) is { } builtIn)
        {
            // A custom template over its limits must not cost the notification: the built-in one is always in bounds.
            message = renderer.Render(builtIn, model, evt.Ticket.TicketNumber);
        }
        db.Deliveries.Add(NewDelivery(evt, NotificationChannel.Email, recipient.Email, null, language, message.Subject, message.Text, message.Html, now));
        return 1;
    }

    public static string WebhookRecipient(Guid endpointId) => $"webhook:{endpointId}";

    public static bool IsOptedOut(UserPreference preference, string eventType, NotificationChannel channel)
    {
        var channelName = channel.ToString().ToLowerInvariant();
        return preference.OptOuts.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(entry =>
        {
            var parts = entry.Split(':');
            return (parts[0] == "*" || string.Equals(parts[0], eventType, StringComparison.OrdinalIgnoreCase)) &&
                   (parts.Length < 2 || parts[1] == "*" || string.Equals(parts[1], channelName, StringComparison.OrdinalIgnoreCase));
        });
    }

    public static IReadOnlyList<RecipientRole> ParseRoles(string roles) =>
        roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => Enum.Parse<RecipientRole>(r, ignoreCase: true)).ToList();

    public static IDictionary<string, object> TicketModel(TicketProjection ticket)
    {
        var model = new Dictionary<string, object>
        {
            ["id"] = ticket.TicketId.ToString(),
            ["number"] = ticket.TicketNumber,
            ["subject"] = ticket.Subject ?? "",
            ["language"] = ticket.Language,
            ["queue"] = ticket.Queue ?? "",
            ["status"] = ticket.Status?.ToString() ?? "",
            ["requesterEmail"] = ticket.RequesterEmail ?? "",
            ["requesterName"] = ticket.RequesterName ?? "",
            ["assigneeName"] = ticket.AssigneeName ?? "",
            ["assigneeEmail"] = ticket.AssigneeEmail ?? "",
        };
        return model;
    }

    private sealed record Recipient(string Email, string? Name, RecipientRole Role);

    private static async Task<List<Recipient>> FindRecipientsAsync(NotificationsDbContext db, NotificationSettings settings, NotificationEvent evt, IReadOnlyList<RecipientRole> roles, CancellationToken cancellationToken)
    {
        var ticket = evt.Ticket;
        var found = new List<Recipient>();
        foreach (var role in roles)
        {
            switch (role)
            {
                case RecipientRole.Requester when !evt.StaffOnly && !evt.ActorIsRequester:
                    Add(ticket.RequesterEmail, ticket.RequesterName, role);
                    break;
                case RecipientRole.Assignee:
                    Add(ticket.AssigneeEmail, ticket.AssigneeName, role);
                    break;
                case RecipientRole.Approver:
                    Add(ticket.Approver, null, role);
                    break;
                case RecipientRole.Sender:
                    Add(evt.AnswerTo, null, role);
                    break;
                case RecipientRole.Queue when ticket.Queue is not null:
                    foreach (var contact in settings.ContactsOf(ticket.Queue))
                    {
                        Add(contact, null, role);
                    }
                    break;
                case RecipientRole.Watchers when !evt.StaffOnly:
                    foreach (var watcher in await db.Watchers.AsNoTracking().Where(w => w.TicketId == ticket.TicketId).ToListAsync(cancellationToken))
                    {
                        Add(watcher.Email, null, role);
                    }
                    break;
            }
        }
        return found;

        void Add(string? email, string? name, RecipientRole role)
        {
            if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
            {
                return;
            }
            var normalized = NormalizeEmail(email);
            if (evt.Actor is not null && string.Equals(NormalizeEmail(evt.Actor), normalized, StringComparison.Ordinal))
            {
                return;
            }
            // One mail per person per event even when they hold several roles; the first role listed wins.
            if (found.All(r => r.Email != normalized))
            {
                found.Add(new Recipient(normalized, name, role));
            }
        }
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static Delivery NewDelivery(NotificationEvent evt, NotificationChannel channel, string recipient, Guid? endpointId,
        string? language, string? subject, string body, string? html, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        EventMessageId = evt.MessageId,
        EventType = evt.Type,
        TicketId = evt.Ticket.TicketId,
        TicketNumber = evt.Ticket.TicketNumber,
        Channel = channel,
        Recipient = recipient,
        WebhookEndpointId = endpointId,
        Language = language,
        Subject = subject,
        Body = body,
        HtmlBody = html,
        ReplyToken = channel == NotificationChannel.Email && evt.Data is TicketApprovalRequested { ReplyToken: { Length: 64 } token } ? token : null,
        Status = DeliveryStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
