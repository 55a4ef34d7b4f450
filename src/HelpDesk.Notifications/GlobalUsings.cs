global using Microsoft.AspNetCore.Http.HttpResults;
global using HelpDesk.Messaging;
global using HelpDesk.Notifications;
global using HelpDesk.ServiceDefaults.Http;
