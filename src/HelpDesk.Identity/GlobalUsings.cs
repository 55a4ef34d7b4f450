global using HelpDesk.ServiceDefaults.Http;
global using Microsoft.AspNetCore.Http.HttpResults;
