using HelpDesk.Contracts;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.Notifications.Tests;

/// <summary>Local runs have no SMTP server: e-mail is kept as .eml files with the same headers it would be sent with.</summary>
public sealed class PickupDirectoryTests
{
    [Fact]
    public async Task Without_an_smtp_host_the_mail_is_written_to_the_pickup_directory()
    {
        using var pickup = new TempDirectory("helpdesk-pickup");
        await using var services = new ServiceCollection()
            .Configure<NotificationsOptions>(o => o.Email.PickupDirectory = pickup.Path)
            .BuildServiceProvider();
        var sender = new EmailSender(services.GetRequiredService<IOptionsMonitor<NotificationsOptions>>(), TimeProvider.System);
        var delivery = new Delivery
        {
            Id = Guid.NewGuid(),
            EventType = "ticket.submitted",
            TicketNumber = "HD-000042",
            Channel = NotificationChannel.Email,
            Recipient = "ada@example.org",
            Subject = "[HD-000042] We received your request",
            Body = "Thanks, we are on it.",
        };

        var result = await sender.SendAsync(delivery, TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.Error);
        var file = Assert.Single(Directory.GetFiles(pickup.Path));
        Assert.Equal($"{delivery.Id:N}.eml", Path.GetFileName(file));
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal("ada@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("ticket-HD-000042@helpdesk.local", message.InReplyTo);
    }

    [Fact]
    public async Task Without_an_smtp_host_or_pickup_directory_the_attempt_fails_with_the_reason()
    {
        await using var services = new ServiceCollection().Configure<NotificationsOptions>(_ => { }).BuildServiceProvider();
        var sender = new EmailSender(services.GetRequiredService<IOptionsMonitor<NotificationsOptions>>(), TimeProvider.System);
        var delivery = new Delivery { EventType = "ticket.submitted", Recipient = "ada@example.org", Body = "x", Channel = NotificationChannel.Email };

        var result = await sender.SendAsync(delivery, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("No SMTP server is configured", result.Error, StringComparison.Ordinal);
    }
}
