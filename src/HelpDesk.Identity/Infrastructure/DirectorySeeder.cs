using HelpDesk.Identity.Domain;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>
/// Applies the configured clients, organisations and accounts at start: clients and organisations are brought in
/// line with configuration, accounts are only created (a person's password and roles then live in identitydb).
/// </summary>
public sealed class DirectorySeeder(IServiceScopeFactory scopes, IOptions<IdentityServiceOptions> options, TimeProvider clock, ILogger<DirectorySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await ApplyClientsAsync(services.GetRequiredService<IOpenIddictApplicationManager>(), cancellationToken);
        await ApplyOrganisationsAsync(services.GetRequiredService<IdentityServiceDbContext>(), cancellationToken);
        await CreateUsersAsync(services.GetRequiredService<UserManager<HelpDeskUser>>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ApplyClientsAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        foreach (var client in options.Value.Clients)
        {
            var descriptor = Describe(client);
            var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                logger.LogInformation("Registered client {Client}", client.ClientId);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }
    }

    private static OpenIddictApplicationDescriptor Describe(ClientOptions client)
    {
        var confidential = string.Equals(client.Type, ClientTypes.Confidential, StringComparison.OrdinalIgnoreCase);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = confidential ? client.ClientSecret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = client.DisplayName ?? client.ClientId,
            ConsentType = ConsentTypes.Implicit,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        foreach (var grant in client.GrantTypes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
            if (grant == GrantTypes.AuthorizationCode)
            {
                descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
                descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
                descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
                descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            }
        }
        foreach (var scope in client.Scopes.Where(s => s != Scopes.OpenId))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        return descriptor;
    }

    private async Task ApplyOrganisationsAsync(IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        foreach (var configured in options.Value.Organisations)
        {
            var organisation = await db.Organisations.FindAsync([configured.Id], cancellationToken);
            if (organisation is null)
            {
                organisation = new Organisation { Id = configured.Id };
                db.Organisations.Add(organisation);
            }
            organisation.Name = configured.Name ?? configured.Id;
            organisation.ShareTickets = configured.ShareTickets;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CreateUsersAsync(UserManager<HelpDeskUser> users, CancellationToken cancellationToken)
    {
        foreach (var configured in options.Value.Users)
        {
            if (await users.FindByNameAsync(configured.UserName) is not null)
            {
                continue;
            }
            var user = new HelpDeskUser
            {
                UserName = configured.UserName,
                Email = configured.Email,
                EmailConfirmed = configured.Email is not null,
                DisplayName = configured.DisplayName ?? configured.UserName,
                OrganisationId = configured.Organisation,
                Roles = [.. configured.Roles.Where(HelpDeskRoles.IsKnown)],
                Groups = [.. configured.Groups],
                CreatedAt = clock.GetUtcNow(),
            };
            var created = configured.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, configured.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Identity:Users '{configured.UserName}' could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
            logger.LogInformation("Created account {User} ({Roles})", configured.UserName, string.Join(' ', user.Roles));
        }
        // Managers second: a manager may be listed after the people they manage.
        foreach (var configured in options.Value.Users.Where(u => u.Manager is not null))
        {
            var user = await users.FindByNameAsync(configured.UserName);
            var manager = await users.FindByNameAsync(configured.Manager!);
            if (user is not null && manager is not null && user.ManagerId is null)
            {
                user.ManagerId = manager.Id;
                await users.UpdateAsync(user);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
    }
}
