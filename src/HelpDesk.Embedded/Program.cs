using HelpDesk.Embedded;

EmbeddedServices.Build(args).Run();
