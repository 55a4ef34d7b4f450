using HelpDesk.Identity.Domain;
using HelpDesk.Identity.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Identity.Api;

public sealed record RolesRequest(List<string>? Roles);
