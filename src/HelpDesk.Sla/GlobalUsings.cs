global using Microsoft.AspNetCore.Http.HttpResults;
global using HelpDesk.Messaging;
global using HelpDesk.Sla;
global using HelpDesk.ServiceDefaults.Http;
