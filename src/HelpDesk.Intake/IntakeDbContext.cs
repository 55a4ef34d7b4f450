using HelpDesk.Intake.Tickets;
using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.ToTable("tickets");
            ticket.HasKey(t => t.Id);
            ticket.HasIndex(t => t.Number).IsUnique();
            ticket.Property(t => t.Number).HasMaxLength(32);
            ticket.Property(t => t.Subject).HasMaxLength(200);
            ticket.Property(t => t.RequesterEmail).HasMaxLength(320);
            ticket.Property(t => t.Type).HasConversion<string>().HasMaxLength(32);
            ticket.Property(t => t.Channel).HasConversion<string>().HasMaxLength(32);
            ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
            ticket.Property(t => t.Priority).HasConversion<string>().HasMaxLength(32);
        });
    }
}
