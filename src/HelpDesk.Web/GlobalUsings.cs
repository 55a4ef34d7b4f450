global using HelpDesk.Web.Gateway;
global using HelpDesk.Web.Security;
