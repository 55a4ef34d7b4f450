using HelpDesk.Embedded;

EmbeddedPlatform.BuildServices(args).Run();
