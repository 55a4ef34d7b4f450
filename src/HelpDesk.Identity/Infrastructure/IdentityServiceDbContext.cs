using HelpDesk.Identity.Domain;
using HelpDesk.Messaging.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>
/// identitydb: accounts (ASP.NET Core Identity's user tables), organisations, OpenIddict's applications,
/// authorizations, scopes and tokens, the token server's keys and the data-protection keys of the sign-in cookie.
/// </summary>
public sealed class IdentityServiceDbContext(DbContextOptions<IdentityServiceDbContext> options)
    : ServiceDbContext(options), IDataProtectionKeyContext
{
    public DbSet<HelpDeskUser> Users => Set<HelpDeskUser>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        ConfigureAccounts(modelBuilder);
        modelBuilder.Entity<Organisation>(organisation =>
        {
            organisation.ToTable("organisations");
            organisation.HasKey(o => o.Id);
            organisation.Property(o => o.Id).HasMaxLength(100);
            organisation.Property(o => o.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Use).HasMaxLength(8);
            key.HasIndex(k => new { k.Use, k.NotBefore });
        });
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    /// <summary>The user-only part of ASP.NET Core Identity's model (roles are HelpDesk's own list on the user).</summary>
    private static void ConfigureAccounts(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HelpDeskUser>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.HasIndex(u => u.NormalizedUserName).IsUnique();
            user.HasIndex(u => u.NormalizedEmail);
            user.HasIndex(u => u.OrganisationId);
            user.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            user.Property(u => u.UserName).HasMaxLength(256);
            user.Property(u => u.NormalizedUserName).HasMaxLength(256);
            user.Property(u => u.Email).HasMaxLength(256);
            user.Property(u => u.NormalizedEmail).HasMaxLength(256);
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.OrganisationId).HasMaxLength(100);
            user.Property(u => u.ManagerId).HasMaxLength(450);
            user.HasMany<IdentityUserClaim<string>>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
            user.HasMany<IdentityUserLogin<string>>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
            user.HasMany<IdentityUserToken<string>>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
        });
        modelBuilder.Entity<IdentityUserClaim<string>>(claim =>
        {
            claim.ToTable("user_claims");
            claim.HasKey(c => c.Id);
        });
        modelBuilder.Entity<IdentityUserLogin<string>>(login =>
        {
            login.ToTable("user_logins");
            login.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        });
        modelBuilder.Entity<IdentityUserToken<string>>(token =>
        {
            token.ToTable("user_tokens");
            token.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        });
    }
}
