global using Microsoft.AspNetCore.Http.HttpResults;
global using HelpDesk.Messaging;
global using HelpDesk.Routing;
global using HelpDesk.ServiceDefaults.Http;
