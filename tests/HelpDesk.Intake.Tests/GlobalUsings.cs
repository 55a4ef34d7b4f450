global using HelpDesk.Intake;
global using HelpDesk.Intake.Api;
global using HelpDesk.Intake.Consumers;
global using HelpDesk.Intake.Domain;
global using HelpDesk.Intake.Infrastructure;
